"""Tests of kiosk.printing: real ESC/POS bytes, real sockets, no printer needed."""
