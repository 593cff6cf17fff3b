"""The touch-screen kiosk (取号机): screens, the controller that drives them, and the
small Qt pieces they share. ``kiosk.ui.kiosk.app`` wires it to a hall and a printer.
"""
