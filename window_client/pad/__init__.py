"""The citizen's rating pad (评价器, 好差评) beside a window."""
