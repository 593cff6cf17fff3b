"""Announcing calls aloud: text building, the TTS engine and the announcer thread.

Qt-free (an import-linter contract checks it). The display uses ``Announcer``; the
screen text comes from ``announcement_from_settings``; the CLI uses ``commands.say``.
"""
from kiosk.speech.announcer import Announcer
from kiosk.speech.engine import Pyttsx3Engine, SpeechEngine
from kiosk.speech.faults import SpeechFault
from kiosk.speech.text import (Announcement, announcement_from_settings, build_announcement,
                               validate_template)

__all__ = ["Announcement", "Announcer", "Pyttsx3Engine", "SpeechEngine", "SpeechFault",
           "announcement_from_settings", "build_announcement", "validate_template"]
