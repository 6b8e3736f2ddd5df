"""Every error as a page in the site's style (or JSON under /api/), never a traceback."""

from flask import current_app, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

from indexer.store import IndexDamaged
from search.engine import IndexMissing
from search.filters import FilterError
from search.lane import Busy

MESSAGES = {
    400: "طلب غير صالح.",
    404: "لم نجد ما تبحث عنه.",
    405: "هذه الطريقة غير مسموح بها هنا.",
    413: "الطلب أكبر من المسموح به.",
    500: "حدث خطأ غير متوقع في الخادم. حاول مرة أخرى بعد قليل.",
    503: "لم يُبنَ الفهرس بعد. شغّل «bahth index» ثم أعد تحميل الصفحة.",
}
DAMAGED = "الفهرس تالف. شغّل «bahth index --rebuild» ثم أعد تحميل الصفحة."
BUSY = "الخادم مشغول بطلبات طويلة كثيرة. أعد المحاولة بعد قليل أو اختصر طلبك."


def init_app(app):
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(IndexMissing, _index_missing)
    app.register_error_handler(IndexDamaged, _index_damaged)
    app.register_error_handler(Busy, _busy)
    app.register_error_handler(FilterError, _bad_filter)
    app.register_error_handler(Exception, _unexpected)


def _message(e):
    # Werkzeug's own descriptions are English; ours are given per instance.
    return vars(e).get("description") or MESSAGES.get(
        e.code, MESSAGES[400 if e.code < 500 else 500]
    )


def _respond(code, message):
    if request.path.startswith("/api/") or request.path == "/healthz":
        return jsonify(error=message), code
    # The query stays in the search box, to be mended rather than typed again.
    return render_template(
        "error.html", code=code, message=message, q=request.args.get("q", "")
    ), code


def _http_error(e):
    return _respond(e.code, _message(e))


def _index_missing(e):
    return _respond(503, MESSAGES[503])


def _index_damaged(e):
    current_app.logger.error("%s", e)
    return _respond(503, DAMAGED)


def _busy(e):
    return _respond(503, BUSY)


def _bad_filter(e):
    return _respond(400, str(e))


def _unexpected(e):
    # Logged in full for the operator; the person sees only the generic message.
    current_app.logger.exception("unhandled error on %s", request.path)
    return _respond(InternalServerError.code, MESSAGES[500])
