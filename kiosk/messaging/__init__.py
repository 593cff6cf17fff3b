"""Senders that carry a message out of the hall (a text-message or WeChat gateway, the
province's 好差评 platform), each behind one small interface. No queue, no Qt."""
