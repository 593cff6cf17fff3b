"""The hall display (叫号大屏) and the window screen (窗口屏).

``factory.build_display`` wires a screen to its controller; ``app.run`` is the command.
Data reaches the screens only through the feed bridge and the state loader.
"""
