"""Touch pieces shared by the citizen-facing apps (kiosk, rating pad): the scaled look
(normal and elder), buttons and tiles, and the on-screen keyboards."""
