"""The JSON API: the same searches and analysis as the CLI, for programs."""

from flask import Blueprint, abort, jsonify, request, url_for

from indexer.analysis import analyze
from search.cli import hit_json, result_json

from .current_engine import engine, search
from .params import completion_params, search_params, similar_params, text

bp = Blueprint("api", __name__)


@bp.get("/api/search")
def search_json():
    params = search_params(request.args, required=True)
    result, suggestion = search(params)
    body = result_json(result)
    for hit in body["hits"]:
        for h in (hit, *hit["copies"]):
            h["url"] = url_for("pages.document", docpath=h["path"], q=result.query)
    body["filters"] = params.narrow.args()
    body["per_page"] = result.per_page
    body["took_ms"] = round(result.took_ms, 2)
    body["suggestion"] = suggestion
    return jsonify(body)


@bp.get("/api/complete")
def complete():
    q, n = completion_params(request.args)
    return jsonify(
        query=q, completions=[{"text": c.text, "count": c.count} for c in engine().complete(q, n)]
    )


@bp.get("/api/similar")
def similar():
    path, n = similar_params(request.args)
    hits = engine().similar(path, n)
    if hits is None:
        abort(404, description="لا يوجد في الفهرس مستند بهذا المسار.")
    body = [hit_json(h) for h in hits]
    for hit in body:
        hit["url"] = url_for("pages.document", docpath=hit["path"])
    return jsonify(path=path, hits=body)


@bp.get("/api/analyze")
def analyze_text():
    return jsonify(tokens=analyze(text(request.args, "text", required=True)))


@bp.get("/healthz")
def health():
    return jsonify(status="ok", documents=engine().document_count())
