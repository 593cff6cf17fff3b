"""The options of one PC (its config file): database, printer, scanner, ID card reader,
window client and display, web service."""
from kiosk.settings.registry import declare as _declare

# --- machine: where things are -------------------------------------------------------
_declare("database.url", str, "",
         "SQLAlchemy URL of the hall database; empty = SQLite file in the user data folder",
         "数据库地址", "machine")
_declare("hall.code", str, "demo",
         "Code of the hall this machine belongs to (needed unless the database holds "
         "only the sample hall demo)",
         "所属大厅代码", "machine")
_declare("machine.name", str, "",
         "Name of this PC in the manager's alerts (clock check); empty = its host name",
         "本机名称", "machine")
_declare("security.key_file", str, "",
         "File of the personal-data key (phone hashes); empty = personal.key next to "
         "this machine's config file. Every PC that books or checks in by phone needs "
         "the same file", "个人信息密钥文件", "machine")
_declare("web.trusted_proxies", list, [],
         "Addresses or networks of the reverse proxies in front of 'python -m kiosk web' "
         "(e.g. 127.0.0.1, 10.0.0.0/24); only their X-Forwarded-For is believed",
         "可信反向代理地址", "machine")
_declare("web.rate_per_minute", int, 120,
         "Requests per minute one client address may make to the phone service; 0 = off",
         "每个地址每分钟请求上限", "machine", minimum=0)
_declare("web.form_rate_per_minute", int, 10,
         "Form submissions per minute one client address may make; 0 = off",
         "每个地址每分钟提交上限", "machine", minimum=0)
_declare("web.phone_per_hour", int, 5,
         "Reminder sign-ups per hour for one phone number through the web; 0 = off",
         "每个手机号每小时提醒登记上限", "machine", minimum=0)
_declare("web.secure_cookies", bool, False,
         "Mark the web service's cookies Secure (turn on when the proxy serves HTTPS)",
         "仅通过 HTTPS 发送 Cookie", "machine")
_declare("log.level", str, "INFO", "Logging level", "日志级别", "machine",
         choices=("DEBUG", "INFO", "WARNING", "ERROR"))

# --- machine: the kiosk's printer ------------------------------------------------------
_declare("printer.kind", str, "none",
         "Ticket printer transport", "打印机类型", "machine",
         choices=("none", "network", "usb", "serial", "file", "win32raw"))
_declare("printer.host", str, "127.0.0.1", "Network printer host", "网络打印机地址", "machine")
_declare("printer.port", int, 9100, "Network printer TCP port", "网络打印机端口", "machine",
         minimum=1, maximum=65535)
_declare("printer.usb_vendor", str, "0x0416", "USB vendor id (hex)", "USB 厂商号", "machine")
_declare("printer.usb_product", str, "0x5011", "USB product id (hex)", "USB 产品号", "machine")
_declare("printer.serial_device", str, "COM1", "Serial port of the printer", "串口", "machine")
_declare("printer.baudrate", int, 9600, "Serial baud rate", "波特率", "machine", minimum=1200)
_declare("printer.path", str, "", "Device or file the printer bytes are written to",
         "设备或文件路径", "machine")
_declare("printer.win32_name", str, "", "Windows printer name for raw printing",
         "Windows 打印机名称", "machine")
_declare("printer.paper_mm", int, 80, "Paper width in millimetres", "纸宽(毫米)", "machine",
         choices=(58, 80))
_declare("printer.text_mode", str, "raster",
         "raster: Chinese drawn as an image (works everywhere); gb18030: printer's own font",
         "中文打印方式", "machine", choices=("raster", "gb18030"))
_declare("printer.font_path", str, "",
         "Chinese font file for raster printing; empty = the first one found on this PC",
         "打印字体文件", "machine")
_declare("printer.status_query", bool, True,
         "Ask the printer's status (DLE EOT) before and after each slip; a slip counts as "
         "printed only if the printer confirms it. Turn off for models that cannot answer",
         "打印前后查询打印机状态", "machine")
_declare("printer.timeout_s", float, 5.0, "Seconds before a print job counts as failed",
         "打印超时(秒)", "machine", minimum=0.5, maximum=60)

# --- machine: the kiosk's code scanner -------------------------------------------------
_declare("scanner.kind", str, "keyboard",
         "Code scanner: keyboard = a USB scanner typing the code as keystrokes ending "
         "with Enter; serial = on a serial or USB-serial port; none = no scanner",
         "扫码枪类型", "machine", choices=("none", "keyboard", "serial"))
_declare("scanner.serial_device", str, "",
         "Serial port of the scanner (COM3, /dev/ttyACM0) or a pyserial URL",
         "扫码枪串口", "machine")
_declare("scanner.baudrate", int, 9600, "Serial baud rate of the scanner",
         "扫码枪波特率", "machine", minimum=1200)
_declare("scanner.suffix", str, "enter",
         "What the serial scanner sends after each code: enter or cr = CR, lf = LF, "
         "crlf = CR LF (keyboard mode always ends with the Enter key)",
         "扫码枪结束符", "machine", choices=("enter", "cr", "lf", "crlf"))
_declare("scanner.max_gap_ms", int, 50,
         "Keyboard mode: the longest pause between a scan's keystrokes; slower keys are "
         "a person typing. Raise it for a scanner set to a longer inter-character delay",
         "扫码按键最大间隔(毫秒)", "machine", minimum=5, maximum=500)

# --- machine: the kiosk's ID card reader (GA 450, kiosk.devices.idcard) ---------------
_declare("idcard.kind", str, "none",
         "ID card reader: serial = a GA 450 reader on a serial or USB-serial port "
         "(刷身份证取号); none = no reader", "身份证阅读器类型", "machine",
         choices=("none", "serial"))
_declare("idcard.serial_device", str, "",
         "Serial port of the ID card reader (COM3, /dev/ttyUSB0) or a pyserial URL",
         "身份证阅读器串口", "machine")
_declare("idcard.baudrate", int, 115200, "Serial baud rate of the ID card reader",
         "身份证阅读器波特率", "machine", minimum=1200)

# --- machine: window client and display ------------------------------------------------
_declare("window.number", int, 0, "Window this PC is fixed to; 0 = chosen at login",
         "本机窗口号", "machine", minimum=0)
_declare("window.keys", str,
         '{"call_next": "F1", "recall": "F2", "no_show": "F3", "finish": "F4", '
         '"transfer": "F5", "pause": "F6", "call_number": "F7", "requeue": "F8", '
         '"start": "F9", "inquiry": "F10", "finish_and_call": "F11"}',
         "Keyboard shortcuts of the window client (JSON: action -> key)",
         "窗口快捷键", "machine")
_declare("window.documents_dir", str, "",
         "Folder where the window client saves the notices it prints as A4 PDF "
         "(受理通知书 / 补正告知书); empty = 'documents' in this PC's data folder",
         "通知书保存文件夹", "machine")
_declare("display.mode", str, "hall", "hall: the big hall display; window: one window's screen",
         "显示屏模式", "machine", choices=("hall", "window"))
_declare("display.portrait", bool, False, "Portrait screen", "竖屏", "machine")
_declare("speech.enabled", bool, True, "Speak calls on this machine", "语音播报", "machine")
_declare("speech.voice", str, "", "TTS voice id; empty = first Chinese voice found",
         "语音", "machine")
_declare("speech.rate", int, 150, "Speech rate (words per minute)", "语速", "machine",
         minimum=50, maximum=400)
_declare("speech.volume", float, 1.0, "Speech volume 0..1", "音量", "machine",
         minimum=0.0, maximum=1.0)
