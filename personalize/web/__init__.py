"""The web surfaces: the app factory (app), what it loads once (extensions, storage), the
blueprints (pages, api, embed and embed_api, qa, language), security headers and forms
(security), error pages (errors), local addresses (urls), the OpenAPI document (openapi)
cached pages with per-request holes (page_cache) and responses sent again as they
were (replay).

The top layer with commands/: may import everything below (reports, store, core, rewriter).
"""
