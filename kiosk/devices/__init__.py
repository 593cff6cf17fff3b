"""Devices beside the kiosk: byte protocols spoken on a reader thread, no Qt, no queue.

``idcard``: the GA 450 ID card reader; ``scanner``: the code scanner (keyboard-wedge
bursts, or a serial port). What a device reads is handed to a callback; the apps
decide what it means for the hall.
"""
