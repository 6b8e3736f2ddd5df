"""The HTML pages: home, results and one document. Views only present what search/ returns."""

from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)

from indexer.formats import MEDIA_TYPES
from search.engine import PER_PAGE

from .current_engine import engine, search
from .narrowing import chips, facet_groups, sorts
from .paging import Matches, Pagination
from .params import finding_params, search_params

bp = Blueprint("pages", __name__)


@bp.get("/")
def home():
    if request.args.get("q", "").strip():
        # The form may be pointed at / by a bookmark or a browser's search settings.
        return redirect(url_for("pages.results", **request.args))
    return render_template("home.html", q="")


@bp.get("/search")
def results():
    params = search_params(request.args)
    if not params.q and not params.narrow.filtering:
        return redirect(url_for("pages.home"))
    result, suggestion = search(params)
    # Links carry the filters, and the page size only when the person chose one.
    args = {
        **params.narrow.args(),
        "per_page": None if params.per_page == PER_PAGE else params.per_page,
    }
    return render_template(
        "results.html",
        q=params.q,
        result=result,
        suggestion=suggestion,
        pagination=Pagination(result.page, result.pages),
        args=args,
        facets=facet_groups(params.q, args, result.facets),
        chips=chips(params.q, args, params.narrow, result.typed),
        sorts=sorts(params.q, args, result),
    )


@bp.get("/doc/<path:docpath>")
def document(docpath):
    q, at = finding_params(request.args)
    doc = engine().document(docpath, q)
    if doc is None:
        abort(404, description="لا يوجد في الفهرس مستند بهذا المسار.")
    return render_template(
        "document.html",
        q=q,
        doc=doc,
        similar=engine().similar(docpath),
        matches=Matches(min(at, doc.matches), doc.matches),
    )


@bp.get("/file/<path:docpath>")
def original(docpath):
    """The original file of an indexed document, as a download. Only a path the
    index holds is served, and only if it resolves (links followed) inside the
    seeds folder: the index may name files a later change moved or linked away."""
    doc = engine().document(docpath)
    seeds = current_app.config["SEEDS"]
    # An indexed path holds no NUL (the index stores no such name), which resolve() refuses.
    target = (seeds / docpath).resolve() if doc is not None else None
    if target is None or not target.is_relative_to(seeds) or not target.is_file():
        abort(404, description="لا يوجد في مجلد المستندات ملف بهذا المسار.")
    return send_file(
        target, mimetype=MEDIA_TYPES[doc.format], as_attachment=True, download_name=target.name
    )
