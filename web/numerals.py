"""Numbers, counts and durations as an Arabic reader writes them: ٣ نتائج في ٠٫٠٢ ثانية."""

_DIGITS = str.maketrans("0123456789,.", "٠١٢٣٤٥٦٧٨٩٬٫")


def number(n, decimals=0):
    """Arabic-Indic digits with Arabic separators: ١٬٢٣٤ and ٠٫٠٢."""
    return f"{n:,.{decimals}f}".translate(_DIGITS)


def results(n):
    """The count of matches with the noun agreeing with it, as Arabic grammar wants."""
    if n == 0:
        return "لا نتائج"
    if n == 1:
        return "نتيجة واحدة"
    if n == 2:
        return "نتيجتان"
    # 3–10 take the plural; 11 and up (and 101, 102, …) the singular, as do
    # hundreds ending in 11–99; 103–110 are plural again.
    noun = "نتائج" if 3 <= n % 100 <= 10 else "نتيجة"
    return f"{number(n)} {noun}"


def seconds(ms):
    """A duration in seconds to two decimals; below that it is simply «less than»."""
    if ms < 10:
        return f"أقل من {number(0.01, 2)} ثانية"
    return f"{number(ms / 1000, 2)} ثانية"


_FORMATS = {"txt": "نص", "pdf": "PDF", "docx": "Word", "odt": "ODT", "html": "صفحة وب",
            "md": "Markdown", "epub": "كتاب EPUB"}


def format_name(fmt):
    """A document's format as the results page names it."""
    return _FORMATS.get(fmt, fmt)


def date(iso):
    """The day of an ISO 8601 date or time, in Arabic-Indic digits: ٢٠١٥-٠٧-٢١."""
    return iso[:10].translate(_DIGITS)


FILTERS = {"ar_number": number, "ar_results": results, "ar_seconds": seconds,
           "ar_format": format_name, "ar_date": date}
