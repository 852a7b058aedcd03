/// The API's description (OpenAPI 3.1), served at `/api/openapi.json`. Written by hand beside `API.swift`; the
/// request tests check that every path here answers, and that answers carry the fields the schemas name.
enum OpenAPIDocument {
    static let json = #"""
    {
      "openapi": "3.1.0",
      "info": {
        "title": "Parallax API",
        "version": "1",
        "description": "Stories (reports of one development of the news, across outlets and languages), their dossiers, the articles they group and their revisions, search, and the feeds Parallax follows. Reads are open on loopback; writes, and reads on a server bound elsewhere, need the API key as `Authorization: Bearer KEY` or `X-API-Key`."
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
            "required": ["id", "title", "articles", "outlets", "origins", "languages", "updated", "claims", "corroborated", "current"],
            "properties": {
              "id": {"type": "string", "examples": ["s1"]},
              "title": {"type": "string"},
              "articles": {"type": "integer"}, "outlets": {"type": "integer"},
              "origins": {"type": "integer", "description": "Groups of reports sharing one origin (a wire piece and its copies count once)."},
              "languages": {"type": "array", "items": {"type": "string"}},
              "last_published": {"type": ["string", "null"]},
              "updated": {"type": "string"},
              "claims": {"type": "integer"}, "corroborated": {"type": "integer"},
              "current": {"type": "boolean", "description": "False while the dossier waits for an update."}
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
              {"name": "since", "in": "query", "required": false, "description": "Only stories with a report or a change on or after this day (YYYY-MM-DD).", "schema": {"type": "string"}},
              {"name": "language", "in": "query", "required": false, "schema": {"type": "string"}}
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
              "properties": {"url": {"type": "string", "maxLength": 8192}, "title": {"type": "string"}}}}}},
            "responses": {
              "201": {"description": "Subscribed.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Feed"}}}},
              "200": {"description": "Already subscribed.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Feed"}}}},
              "400": {"$ref": "#/components/responses/error"}, "401": {"$ref": "#/components/responses/error"},
              "403": {"$ref": "#/components/responses/error"}, "413": {"$ref": "#/components/responses/error"}
            }
          }
        },
        "/api/v1/feeds/{id}": {
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
