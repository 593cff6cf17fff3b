"""What each screen reads: one read transaction per snapshot, no writes.

Modules are named for the screen they serve and imported as ``<screen>_reads``
(``from kiosk.queue.reads import kiosk as kiosk_reads``), so a call site says whose
read it is.
"""
