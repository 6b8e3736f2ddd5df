"""The HTML pages: home, results and one document. Views only present what search/ returns."""
from flask import Blueprint, abort, redirect, render_template, request, url_for

from search.engine import PER_PAGE

from .engine import engine, search
from .paging import Pagination
from .params import search_params, text

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
    if not params.q:
        return redirect(url_for("pages.home"))
    result, suggestion = search(params)
    return render_template(
        "results.html", q=params.q, result=result, suggestion=suggestion,
        pagination=Pagination(result.page, result.pages),
        # Links carry the page size only when the person chose one.
        per_page=None if params.per_page == PER_PAGE else params.per_page,
    )


@bp.get("/doc/<path:docpath>")
def document(docpath):
    q = text(request.args, "q")
    doc = engine().document(docpath, q)
    if doc is None:
        abort(404, description="لا يوجد في الفهرس مستند بهذا المسار.")
    return render_template("document.html", q=q, doc=doc, similar=engine().similar(docpath))
