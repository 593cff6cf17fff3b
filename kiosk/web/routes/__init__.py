"""One module per family of pages; each exports ``ROUTES`` (``app.collect_routes``)."""
