"""The pre-send hook service: `replylint serve`, an ASGI app over the Linter (needs `replylint[server]`)."""
