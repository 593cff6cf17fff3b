"""The hall's catalog (departments, items with their 八公开 guides, queues, windows):
``reading`` parses a file's YAML safely, ``schema`` validates it (the pydantic
``model``, then the hall's ``references`` rules; ``problems`` names entry and field),
``transfer`` loads, imports and exports it (the sample hall
is seeded by ``kiosk.queue.demo``). The transfer functions are re-exported: ``catalog.load(path)``."""
from kiosk.queue.catalog.transfer import (  # noqa: F401 - the package's interface
    catalog_data, dump, export_catalog, import_catalog, load)
