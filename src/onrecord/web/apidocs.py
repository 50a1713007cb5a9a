"""The API's documentation page, ``/api/docs``: every operation of the app's own OpenAPI schema
rendered on the server as plain HTML.

Swagger UI from a CDN was a blank page: the app's content policy blocks foreign scripts, and
readers may be offline. Swagger UI's own page also needs an inline script to start, which that
policy refuses too. This page needs no script and nothing from the network; the schema itself
stays at ``/api/openapi.json`` for tools.
"""
from __future__ import annotations

from fastapi import APIRouter, Request

from .templating import render

router = APIRouter()
METHODS = ("get", "post", "put", "patch", "delete")


def type_name(schema: dict | None, components: dict | None = None) -> str:
    """A schema as a short type: ``string (date)``, ``integer``, ``list of string``, ``one of: a, b``,
    ``X | null``; a named schema by its name, or its values if it is a list of choices."""
    schema = schema or {}
    if "$ref" in schema:
        named = _resolve(schema, components or {})
        return type_name(named) if "enum" in named else schema["$ref"].rsplit("/", 1)[-1]
    if "enum" in schema:
        return "one of: " + ", ".join(str(v) for v in schema["enum"])
    for key in ("anyOf", "oneOf"):
        if key in schema:
            return " | ".join(type_name(s, components) for s in schema[key])
    if schema.get("type") == "array":
        return "list of " + type_name(schema.get("items"), components)
    kind = schema.get("type", "any")
    return f"{kind} ({schema['format']})" if "format" in schema else kind


def _resolve(schema: dict | None, components: dict) -> dict:
    ref = (schema or {}).get("$ref", "")
    return components.get(ref.rsplit("/", 1)[-1], {}) if ref else (schema or {})


def _limits(schema: dict) -> str:
    words = {"minimum": "≥", "maximum": "≤", "minLength": "at least", "maxLength": "at most", "pattern": "matching"}
    parts = [f"{words[k]} {schema[k]}" + (" characters" if k in ("minLength", "maxLength") else "")
             for k in words if k in schema]
    if "default" in schema and schema["default"] is not None:
        parts.append(f"default {schema['default']}")
    return "; ".join(parts)


def _field(name: str, schema: dict, required: bool, where: str, components: dict, description: str | None = None) -> dict:
    options = [s for s in schema.get("anyOf", []) if s.get("type") != "null"]
    inner = _resolve(options[0], components) if len(options) == 1 else _resolve(schema, components)
    return {"name": name, "in": where, "type": type_name(schema, components), "required": required,
            "description": description or schema.get("description") or inner.get("description") or "",
            "limits": _limits({**inner, **{k: v for k, v in schema.items() if k == "default"}})}


def _body(operation: dict, components: dict) -> dict | None:
    content = (operation.get("requestBody") or {}).get("content") or {}
    if not content:
        return None
    media, value = next(iter(content.items()))
    schema = _resolve(value.get("schema"), components)
    required = set(schema.get("required", ()))
    fields = [_field(name, prop, name in required, "body", components)
              for name, prop in (schema.get("properties") or {}).items()]
    return {"media": media, "name": type_name(value.get("schema")), "fields": fields}


def operations(schema: dict) -> list[dict]:
    """Each operation of an OpenAPI schema, in the schema's order, as plain values for the template."""
    components = (schema.get("components") or {}).get("schemas") or {}
    out = []
    for path, item in (schema.get("paths") or {}).items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            parameters = [_field(p["name"], p.get("schema") or {}, p.get("required", False), p.get("in", ""),
                                 components, p.get("description")) for p in operation.get("parameters", ())]
            out.append({"id": operation.get("operationId") or f"{method}-{path}", "method": method.upper(),
                        "path": path, "summary": operation.get("summary") or "", "tag": (operation.get("tags") or ["api"])[0],
                        "description": operation.get("description") or "", "parameters": parameters,
                        "body": _body(operation, components),
                        "responses": [{"status": code, "description": r.get("description", ""),
                                       "media": ", ".join((r.get("content") or {}).keys())}
                                      for code, r in (operation.get("responses") or {}).items()]})
    return out


@router.get("/api/docs", include_in_schema=False)
def api_docs(request: Request):
    schema = request.app.openapi()
    ops = operations(schema)
    tags = list(dict.fromkeys(op["tag"] for op in ops))
    return render(request, "api_docs.html", {"info": schema.get("info", {}), "operations": ops, "tags": tags},
                  twin="/api/openapi.json")
