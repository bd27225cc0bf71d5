"""The `flask` commands: render (render), content import, export and rerender, and tokens
(content), the QA report (report) and the static site (export), with what they share in
common.

The top layer with web/: may import everything below, and web's accessors for the app's
catalog and store (extensions, storage).
"""
