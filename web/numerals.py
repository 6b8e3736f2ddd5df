"""Numbers, counts and durations as an Arabic reader writes them: ٣ نتائج في ٠٫٠٢ ثانية."""

_DIGITS = str.maketrans("0123456789,.", "٠١٢٣٤٥٦٧٨٩٬٫")


def number(n, decimals=0):
    """Arabic-Indic digits with Arabic separators: ١٬٢٣٤ and ٠٫٠٢."""
    return f"{n:,.{decimals}f}".translate(_DIGITS)


def counted(n, one, two, few, many):
    """``n`` and a noun agreeing with it, as Arabic grammar wants: ``one`` and
    ``two`` are the words for 1 and 2 (نتيجة واحدة، نتيجتان); 3–10 take the
    plural ``few`` (٣ نتائج), 11 and up the singular ``many`` (١١ نتيجة), and so
    do 101, 102, … and hundreds ending in 11–99, while 103–110 take the plural."""
    if n == 1:
        return one
    if n == 2:
        return two
    return f"{number(n)} {few if 3 <= n % 100 <= 10 else many}"


def results(n):
    """The count of matches."""
    return "لا نتائج" if n == 0 else counted(n, "نتيجة واحدة", "نتيجتان", "نتائج", "نتيجة")


def pages(n):
    """The count of pages after «في» (في صفحتين: the dual in the genitive)."""
    return counted(n, "صفحة واحدة", "صفحتين", "صفحات", "صفحة")


def copies(n):
    """Near-duplicates folded into a hit."""
    return counted(n, "نسخة مشابهة", "نسختان مشابهتان", "نسخ مشابهة", "نسخة مشابهة")


def seconds(ms):
    """A duration in seconds to two decimals; below that it is simply «less than»."""
    if ms < 10:
        return f"أقل من {number(0.01, 2)} ثانية"
    return f"{number(ms / 1000, 2)} ثانية"


_FORMATS = {
    "txt": "نص",
    "pdf": "PDF",
    "docx": "Word",
    "odt": "ODT",
    "html": "صفحة وب",
    "md": "Markdown",
    "epub": "كتاب EPUB",
}


def format_name(fmt):
    """A document's format as the results page names it."""
    return _FORMATS.get(fmt, fmt)


def date(iso):
    """The day of an ISO 8601 date or time, in Arabic-Indic digits: ٢٠١٥-٠٧-٢١."""
    return iso[:10].translate(_DIGITS)


FILTERS = {
    "ar_number": number,
    "ar_results": results,
    "ar_pages": pages,
    "ar_copies": copies,
    "ar_seconds": seconds,
    "ar_format": format_name,
    "ar_date": date,
}
