/// The API's description (OpenAPI 3.1), served at `/api/openapi.json`. Written by hand beside `API.swift`; the
/// request tests check that every path here answers, and that answers carry the fields the schemas name.
enum OpenAPIDocument {
    static let json = #"""
    {
      "openapi": "3.1.0",
      "info": {
        "title": "Parallax API",
        "version": "1",
        "description": "Stories (reports of one development of the news, across outlets and languages), their dossiers, the articles they group and their revisions, outlets and how they frame the news, search, uploads of documents, and the feeds Parallax follows. Reads are open on loopback; writes, and reads on a server bound elsewhere, need the API key as `Authorization: Bearer KEY` or `X-API-Key`."
      },
      "servers": [{"url": "/"}],
      "components": {
        "securitySchemes": {
          "bearer": {"type": "http", "scheme": "bearer"},
          "apiKey": {"type": "apiKey", "in": "header", "name": "X-API-Key"}
        },
        "parameters": {
          "cursor": {"name": "cursor", "in": "query", "required": false, "description": "The `next` of the page before.", "schema": {"type": "string"}},
          "limit": {"name": "limit", "in": "query", "required": false, "schema": {"type": "integer", "minimum": 1, "maximum": 200, "default": 50}},
          "articleId": {"name": "id", "in": "path", "required": true, "schema": {"type": "integer", "minimum": 1}}
        },
        "responses": {
          "error": {"description": "An error.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
          "notModified": {"description": "The client's copy (If-None-Match) is current."}
        },
        "schemas": {
          "Error": {
            "type": "object", "required": ["error"],
            "properties": {"error": {"type": "object", "required": ["status", "code", "message"],
              "properties": {"status": {"type": "integer"}, "code": {"type": "string"}, "message": {"type": "string"}}}}
          },
          "StorySummary": {
            "type": "object",
            "required": ["id", "title", "articles", "outlets", "origins", "languages", "updated", "claims", "corroborated",
                         "single_origin", "disputed", "divergent_figures", "outlet_names", "current"],
            "properties": {
              "id": {"type": "string", "examples": ["s1"]},
              "title": {"type": "string"},
              "articles": {"type": "integer"}, "outlets": {"type": "integer"},
              "origins": {"type": "integer", "description": "Groups of reports sharing one origin (a wire piece and its copies count once)."},
              "languages": {"type": "array", "items": {"type": "string"}},
              "last_published": {"type": ["string", "null"]},
              "updated": {"type": "string"},
              "claims": {"type": "integer"}, "corroborated": {"type": "integer"},
              "single_origin": {"type": "integer"}, "disputed": {"type": "integer"}, "divergent_figures": {"type": "integer"},
              "outlet_names": {"type": "array", "items": {"type": "string"}},
              "current": {"type": "boolean", "description": "False while the dossier waits for an update."}
            }
          },
          "OutletSummary": {
            "type": "object", "required": ["name", "stories", "reports"],
            "properties": {"name": {"type": "string"}, "stories": {"type": "integer"}, "reports": {"type": "integer"},
                           "latest": {"type": ["string", "null"]}}
          },
          "OutletProfile": {
            "type": "object",
            "required": ["name", "stories", "reports", "languages", "spellings", "labels", "scare_quotes", "claims", "hedged_share",
                         "distanced_share", "attributed_share", "refuted", "techniques", "links", "periods"],
            "properties": {
              "name": {"type": "string"},
              "stories": {"type": "array", "items": {"type": "object", "required": ["id", "title", "reports"],
                "properties": {"id": {"type": "string"}, "title": {"type": "string"}, "reports": {"type": "integer"}, "latest": {"type": ["string", "null"]}}}},
              "reports": {"type": "integer"},
              "languages": {"type": "object", "additionalProperties": {"type": "integer"}},
              "first": {"type": ["string", "null"]}, "latest": {"type": ["string", "null"]},
              "spellings": {"type": "object", "description": "Contested name → the variants the outlet writes → how often.",
                            "additionalProperties": {"type": "object", "additionalProperties": {"type": "integer"}}},
              "labels": {"type": "object", "additionalProperties": {"type": "integer"}},
              "scare_quotes": {"type": "array", "items": {"type": "string"}},
              "claims": {"type": "integer"},
              "hedged_share": {"type": "number"}, "distanced_share": {"type": "number"}, "attributed_share": {"type": "number"},
              "refuted": {"type": "array", "items": {"type": "string"}},
              "techniques": {"type": "object", "additionalProperties": {"type": "integer"}},
              "links": {"type": "array", "items": {"type": "object", "required": ["outlet", "relation", "direction", "stories"],
                "properties": {"outlet": {"type": "string"}, "relation": {"type": "string", "enum": ["copy", "rewrite", "spun", "translation", "same-wire"]},
                               "direction": {"type": "string", "enum": ["takes-from", "taken-by", "shares"]}, "stories": {"type": "integer"}}}},
              "periods": {"type": "array", "items": {"type": "object",
                "required": ["period", "stories", "reports", "claims", "hedged_share", "techniques", "labels"],
                "properties": {"period": {"type": "string"}, "stories": {"type": "integer"}, "reports": {"type": "integer"},
                               "claims": {"type": "integer"}, "hedged_share": {"type": "number"}, "techniques": {"type": "integer"},
                               "labels": {"type": "integer"}}}}
            }
          },
          "UploadResult": {
            "type": "object", "required": ["added", "revised", "unchanged", "failed", "stories"],
            "properties": {
              "added": {"type": "array", "items": {"type": "integer"}}, "revised": {"type": "array", "items": {"type": "integer"}},
              "unchanged": {"type": "array", "items": {"type": "object", "required": ["source", "of"],
                "properties": {"source": {"type": "string"}, "of": {"type": "string"}}}},
              "failed": {"type": "array", "items": {"type": "object", "required": ["source", "code", "message"],
                "properties": {"source": {"type": "string"}, "code": {"type": "string"}, "message": {"type": "string"}}}},
              "stories": {"type": "array", "items": {"type": "string"}}
            }
          },
          "Feed": {
            "type": "object",
            "required": ["id", "url", "status", "failures", "next_poll", "interval_seconds", "items", "articles"],
            "properties": {
              "id": {"type": "integer"}, "url": {"type": "string"}, "title": {"type": ["string", "null"]},
              "site": {"type": ["string", "null"]},
              "status": {"type": "string", "enum": ["new", "ok", "failing", "disabled"]},
              "last_poll": {"type": ["string", "null"]}, "last_success": {"type": ["string", "null"]},
              "last_error": {"type": ["string", "null"]}, "failures": {"type": "integer"},
              "disabled_reason": {"type": ["string", "null"]}, "next_poll": {"type": "string"},
              "interval_seconds": {"type": "number"}, "items": {"type": "integer"}, "articles": {"type": "integer"}
            }
          }
        }
      },
      "paths": {
        "/api/v1/stories": {
          "get": {
            "summary": "Stories, newest activity first.",
            "parameters": [
              {"$ref": "#/components/parameters/cursor"}, {"$ref": "#/components/parameters/limit"},
              {"name": "since", "in": "query", "required": false, "description": "Only stories with a report or a change on or after this day.", "schema": {"type": "string", "format": "date"}},
              {"name": "language", "in": "query", "required": false, "schema": {"type": "string", "pattern": "^[A-Za-z-]{0,16}$", "description": "A language code (en, pt-BR); empty for any."}},
              {"name": "outlet", "in": "query", "required": false, "schema": {"type": "string", "maxLength": 300}},
              {"name": "from", "in": "query", "required": false, "description": "Latest report on or after this day.", "schema": {"type": "string", "format": "date"}},
              {"name": "to", "in": "query", "required": false, "description": "Latest report on or before this day.", "schema": {"type": "string", "format": "date"}},
              {"name": "status", "in": "query", "required": false, "schema": {"type": "string", "enum": ["corroborated", "single-origin", "disputed", "divergent", "pending"]}},
              {"name": "q", "in": "query", "required": false, "description": "Words in a member's title or text.", "schema": {"type": "string", "maxLength": 500}}
            ],
            "responses": {
              "200": {"description": "A page of stories.", "content": {"application/json": {"schema": {
                "type": "object", "required": ["stories"],
                "properties": {"stories": {"type": "array", "items": {"$ref": "#/components/schemas/StorySummary"}},
                               "next": {"type": ["string", "null"]}}}}}},
              "304": {"$ref": "#/components/responses/notModified"},
              "400": {"$ref": "#/components/responses/error"}, "401": {"$ref": "#/components/responses/error"},
              "403": {"$ref": "#/components/responses/error"}
            }
          }
        },
        "/api/v1/stories/{id}": {
          "get": {
            "summary": "One story's dossier (the document `parallax story --format json` writes).",
            "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "examples": ["s1"]}}],
            "responses": {
              "200": {"description": "The dossier.", "content": {"application/json": {"schema": {
                "type": "object", "required": ["stories", "articles"],
                "properties": {"stories": {"type": "array", "items": {"type": "object"}}, "articles": {"type": "integer"},
                               "failures": {"type": "array"}, "warnings": {"type": "array"}}}}}},
              "304": {"$ref": "#/components/responses/notModified"},
              "404": {"$ref": "#/components/responses/error"}
            }
          }
        },
        "/api/v1/articles/{id}": {
          "get": {
            "summary": "One article as analysed (its latest revision).",
            "parameters": [{"$ref": "#/components/parameters/articleId"}],
            "responses": {
              "200": {"description": "The article.", "content": {"application/json": {"schema": {
                "type": "object", "required": ["id", "revision", "article"],
                "properties": {"id": {"type": "integer"}, "revision": {"type": "integer"}, "story": {"type": ["string", "null"]},
                               "article": {"type": "object"}}}}}},
              "304": {"$ref": "#/components/responses/notModified"},
              "400": {"$ref": "#/components/responses/error"}, "404": {"$ref": "#/components/responses/error"}
            }
          }
        },
        "/api/v1/articles/{id}/revisions": {
          "get": {
            "summary": "Every revision of an article, with the paragraphs each changed.",
            "parameters": [{"$ref": "#/components/parameters/articleId"}],
            "responses": {
              "200": {"description": "The revisions, oldest first.", "content": {"application/json": {"schema": {
                "type": "object", "required": ["revisions"],
                "properties": {"revisions": {"type": "array", "items": {"type": "object",
                  "required": ["revision", "ingested", "content_hash", "changes"],
                  "properties": {"revision": {"type": "integer"}, "ingested": {"type": "string"}, "content_hash": {"type": "string"},
                                 "title": {"type": ["string", "null"]}, "changes": {"type": "array", "items": {"type": "string"}}}}}}}}}},
              "304": {"$ref": "#/components/responses/notModified"},
              "400": {"$ref": "#/components/responses/error"}, "404": {"$ref": "#/components/responses/error"}
            }
          }
        },
        "/api/v1/search": {
          "get": {
            "summary": "Articles whose title or text has every word of q, best first.",
            "parameters": [{"name": "q", "in": "query", "required": true, "schema": {"type": "string", "minLength": 1, "maxLength": 500}},
                           {"$ref": "#/components/parameters/limit"}],
            "responses": {
              "200": {"description": "Matching articles.", "content": {"application/json": {"schema": {
                "type": "object", "required": ["articles"],
                "properties": {"articles": {"type": "array", "items": {"type": "object", "required": ["id"],
                  "properties": {"id": {"type": "integer"}, "title": {"type": ["string", "null"]}, "outlet": {"type": ["string", "null"]},
                                 "published": {"type": ["string", "null"]}, "url": {"type": ["string", "null"]},
                                 "story": {"type": ["string", "null"]}}}}}}}}},
              "304": {"$ref": "#/components/responses/notModified"},
              "400": {"$ref": "#/components/responses/error"}
            }
          }
        },
        "/api/v1/outlets": {
          "get": {
            "summary": "Every outlet in a story, most reports first.",
            "parameters": [{"$ref": "#/components/parameters/cursor"}, {"$ref": "#/components/parameters/limit"}],
            "responses": {
              "200": {"description": "A page of outlets.", "content": {"application/json": {"schema": {
                "type": "object", "required": ["outlets"],
                "properties": {"outlets": {"type": "array", "items": {"$ref": "#/components/schemas/OutletSummary"}},
                               "next": {"type": ["string", "null"]}}}}}},
              "304": {"$ref": "#/components/responses/notModified"},
              "400": {"$ref": "#/components/responses/error"}
            }
          }
        },
        "/api/v1/outlets/{name}": {
          "get": {
            "summary": "One outlet's profile over all its stories: spellings, labels, hedging, persuasion, copies, over time.",
            "parameters": [{"name": "name", "in": "path", "required": true, "description": "The outlet's name, percent-encoded.",
                            "schema": {"type": "string", "minLength": 1, "maxLength": 300}}],
            "responses": {
              "200": {"description": "The profile.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/OutletProfile"}}}},
              "304": {"$ref": "#/components/responses/notModified"},
              "400": {"$ref": "#/components/responses/error"}, "404": {"$ref": "#/components/responses/error"}
            }
          }
        },
        "/api/v1/documents": {
          "post": {
            "summary": "Upload reports: analysed, placed in stories, dossiers brought up to date (as `parallax ingest`).",
            "description": "A JSON body holds 1–100 documents, each with exactly one of `html` and `text`; an HTML or plain-text body is one document, its metadata in the query. Bodies over the server's upload limit (default 8 MiB) are refused with 413.",
            "security": [{"bearer": []}, {"apiKey": []}],
            "parameters": [
              {"name": "url", "in": "query", "required": false, "schema": {"type": "string", "format": "uri", "pattern": "^https?://", "maxLength": 2000}},
              {"name": "title", "in": "query", "required": false, "schema": {"type": "string", "maxLength": 2000}},
              {"name": "outlet", "in": "query", "required": false, "schema": {"type": "string", "maxLength": 2000}},
              {"name": "published", "in": "query", "required": false, "schema": {"type": "string", "maxLength": 2000}},
              {"name": "byline", "in": "query", "required": false, "schema": {"type": "string", "maxLength": 2000}}
            ],
            "requestBody": {"required": true, "content": {
              "application/json": {"schema": {"type": "object", "required": ["documents"],
                "properties": {"documents": {"type": "array", "minItems": 1, "maxItems": 100, "items": {"type": "object",
                  "oneOf": [{"required": ["html"], "not": {"required": ["text"]}}, {"required": ["text"], "not": {"required": ["html"]}}],
                  "properties": {"url": {"type": "string", "format": "uri", "pattern": "^https?://", "maxLength": 2000},
                                 "title": {"type": "string", "maxLength": 2000}, "outlet": {"type": "string", "maxLength": 2000},
                                 "published": {"type": "string", "maxLength": 2000}, "byline": {"type": "string", "maxLength": 2000},
                                 "html": {"type": "string", "minLength": 1}, "text": {"type": "string", "minLength": 1}}}}}}},
              "text/html": {"schema": {"type": "string"}},
              "text/plain": {"schema": {"type": "string"}}
            }},
            "responses": {
              "201": {"description": "Stored (some documents new or revised).", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/UploadResult"}}}},
              "200": {"description": "Nothing new: every document was already stored.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/UploadResult"}}}},
              "422": {"description": "No document could be read.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/UploadResult"}}}},
              "400": {"$ref": "#/components/responses/error"}, "401": {"$ref": "#/components/responses/error"},
              "403": {"$ref": "#/components/responses/error"}, "413": {"$ref": "#/components/responses/error"},
              "415": {"$ref": "#/components/responses/error"}, "503": {"$ref": "#/components/responses/error"}
            }
          }
        },
        "/api/v1/feeds": {
          "get": {
            "summary": "The feeds followed, with their status.",
            "responses": {
              "200": {"description": "The feeds.", "content": {"application/json": {"schema": {
                "type": "object", "required": ["feeds"],
                "properties": {"feeds": {"type": "array", "items": {"$ref": "#/components/schemas/Feed"}}}}}}},
              "304": {"$ref": "#/components/responses/notModified"}
            }
          },
          "post": {
            "summary": "Subscribe to a feed (idempotent: an URL already followed answers 200 with its record).",
            "security": [{"bearer": []}, {"apiKey": []}],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {
              "type": "object", "required": ["url"],
              "properties": {"url": {"type": "string", "format": "uri", "pattern": "^https?://", "maxLength": 8192}, "title": {"type": ["string", "null"]}}}}}},
            "responses": {
              "201": {"description": "Subscribed.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Feed"}}}},
              "200": {"description": "Already subscribed.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Feed"}}}},
              "400": {"$ref": "#/components/responses/error"}, "401": {"$ref": "#/components/responses/error"},
              "403": {"$ref": "#/components/responses/error"}, "413": {"$ref": "#/components/responses/error"}
            }
          }
        },
        "/api/v1/feeds/{id}": {
          "get": {
            "summary": "One feed with its status.",
            "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
            "responses": {
              "200": {"description": "The feed.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Feed"}}}},
              "304": {"$ref": "#/components/responses/notModified"},
              "400": {"$ref": "#/components/responses/error"}, "404": {"$ref": "#/components/responses/error"}
            }
          },
          "patch": {
            "summary": "Turn a feed off or on again (on: due now, its failures forgotten), or retitle it.",
            "security": [{"bearer": []}, {"apiKey": []}],
            "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {
              "type": "object", "properties": {"enabled": {"type": "boolean"}, "title": {"type": "string"}}}}}},
            "responses": {
              "200": {"description": "The feed as changed.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Feed"}}}},
              "400": {"$ref": "#/components/responses/error"}, "401": {"$ref": "#/components/responses/error"},
              "403": {"$ref": "#/components/responses/error"}, "404": {"$ref": "#/components/responses/error"},
              "413": {"$ref": "#/components/responses/error"}
            }
          },
          "delete": {
            "summary": "Unsubscribe (the articles stay).",
            "security": [{"bearer": []}, {"apiKey": []}],
            "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
            "responses": {
              "204": {"description": "Removed."},
              "400": {"$ref": "#/components/responses/error"}, "401": {"$ref": "#/components/responses/error"},
              "403": {"$ref": "#/components/responses/error"}, "404": {"$ref": "#/components/responses/error"}
            }
          }
        }
      }
    }
    """#
}
