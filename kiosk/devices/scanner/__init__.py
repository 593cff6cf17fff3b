"""The code scanner (扫码枪): a USB scanner typing as a keyboard, or one on a serial port.

``burst``: tells a scanner's keystroke burst from a person typing; ``lines`` and
``serial_reader``: codes from a serial scanner, on its own thread; ``config``: either
one, built from the machine's scanner.* settings. What a code means for the hall is
the core's to say (``kiosk.queue.reads.scan``).
"""
