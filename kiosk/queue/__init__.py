"""The hall's queue engine: domain and persistence, no Qt.

* ``actions/``  one module per family of hall actions (issuing, calling, serving, …);
  each public function is one transaction that appends its event
* ``reads/``    what each screen reads (kiosk, window, display, hall-wide)
* ``store/``    the database, migrations, models, the event log and the live feed
* ``catalog/``  the catalog file: schema, import and export, the sample hall
* ``rules/``    hall rules that need no database (opening hours, text input, names)
* ``snapshots`` the plain data objects that cross the service boundary
* ``demo``      the sample hall: the shipped catalog plus demo staff accounts
"""
