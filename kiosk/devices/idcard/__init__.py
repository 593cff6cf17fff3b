"""The second-generation ID card reader (身份证阅读器) on a serial or USB-serial port.

``protocol``: the frames of the public reader interface; ``text``: the card's text
block; ``reader``: the polling thread that hands each card, read once, to a callback.
"""
