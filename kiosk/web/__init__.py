"""The hall's web service for citizens' phones: an ASGI app (Starlette, served by
uvicorn) with server-rendered pages and live updates by Server-Sent Events. No Qt."""
