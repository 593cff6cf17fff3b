"""The window clerk's app (窗口叫号): sign in, call, serve, transfer, pause."""
