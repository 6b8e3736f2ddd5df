"""Small documents in every format bahth reads, written by the tests themselves.

PDFs are written by hand: a CID font with no glyphs of its own whose ToUnicode
map says which character each code is, which is all a text layer needs, so no
system font is involved. Lines are drawn left to right as given: pass Arabic in
visual order (``visual``) to get what shaped PDFs hold.
"""

import io
import os
import zipfile

import docx
from bidi import get_display
from odf import dc, meta, text as odftext
from odf.opendocument import OpenDocumentText


def visual(line):
    """A logical line as a PDF draws it, left to right."""
    return get_display(line, base_dir="R")


def pdf(pages, info=None, encrypt=False, loop=False, right=False, leading=14):
    """A PDF of ``pages`` (each a list of lines). ``encrypt``: locked with an
    unknown password; ``loop``: a page tree whose node is its own child;
    ``right``: lines aligned on the right margin, as Arabic is set; ``leading``:
    points from line to line (over 18, pdfminer makes each line a box of its own)."""
    chars = sorted({c for page in pages for line in page for c in line})
    code = {c: i + 1 for i, c in enumerate(chars)}
    objects = {}
    font, cmap, catalog, tree = 1, 2, 3, 4
    bfchars = "\n".join(f"<{code[c]:04X}> <{c.encode('utf-16-be').hex().upper()}>" for c in chars)
    cmap_data = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap "
        "/CMapName /bahth def 1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        f"{len(chars)} beginbfchar\n{bfchars}\nendbfchar endcmap "
        "CMapName currentdict /CMap defineresource pop end end"
    ).encode()
    objects[cmap] = _stream(cmap_data)
    objects[font] = (
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Bahth /Encoding /Identity-H "
        b"/DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Bahth "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        b"/DW 500 >>] /ToUnicode 2 0 R >>"
    )
    kids, streams = [], {}
    next_id = 5
    for page in pages:
        # Every glyph is 6 points wide (/DW 500 at 12 points).
        ops = (
            "BT /F1 12 Tf "
            + " ".join(
                f"1 0 0 1 {545 - 6 * len(line) if right else 50} {780 - n * leading} Tm <"
                + "".join(f"{code[c]:04X}" for c in line)
                + "> Tj"
                for n, line in enumerate(page)
            )
            + " ET"
        ).encode()
        if ops not in streams:  # pages with the same text share one stream
            streams[ops] = next_id
            objects[next_id] = _stream(ops)
            next_id += 1
        objects[next_id] = (
            f"<< /Type /Page /Parent 4 0 R /MediaBox [0 0 595 842] "
            f"/Resources << /Font << /F1 1 0 R >> >> "
            f"/Contents {streams[ops]} 0 R >>"
        ).encode()
        kids.append(next_id)
        next_id += 1
    refs = " ".join(f"{k} 0 R" for k in kids) + (" 4 0 R" if loop else "")
    objects[tree] = f"<< /Type /Pages /Kids [{refs}] /Count {len(kids)} >>".encode()
    objects[catalog] = b"<< /Type /Catalog /Pages 4 0 R >>"
    info_id = next_id
    fields = "".join(f"/{k} <FEFF{v.encode('utf-16-be').hex()}>" for k, v in (info or {}).items())
    objects[info_id] = f"<< {fields} >>".encode()
    trailer = f"/Root 3 0 R /Info {info_id} 0 R"
    if encrypt:
        objects[info_id + 1] = (
            b"<< /Filter /Standard /V 1 /R 2 /P -4 /O <"
            + b"11" * 32
            + b"> /U <"
            + b"22" * 32
            + b"> >>"
        )
        trailer += f" /Encrypt {info_id + 1} 0 R /ID [<{'33' * 16}> <{'33' * 16}>]"
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for n in sorted(objects):
        offsets[n] = out.tell()
        out.write(f"{n} 0 obj\n".encode() + objects[n] + b"\nendobj\n")
    xref = out.tell()
    size = max(objects) + 1
    out.write(f"xref\n0 {size}\n0000000000 65535 f \n".encode())
    for n in range(1, size):
        out.write(
            f"{offsets[n]:010d} 00000 n \n".encode() if n in offsets else b"0000000000 65535 f \n"
        )
    out.write(f"trailer\n<< /Size {size} {trailer} >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def _stream(data):
    return f"<< /Length {len(data)} >>\nstream\n".encode() + data + b"\nendstream"


def docx_file(path, paragraphs, heading=None, title=None, author=None):
    document = docx.Document()
    if heading:
        document.add_heading(heading, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if title:
        document.core_properties.title = title
    if author:
        document.core_properties.author = author
    document.save(path)


def odt_file(path, paragraphs, heading=None, title=None, author=None):
    document = OpenDocumentText()
    if title:
        document.meta.addElement(dc.Title(text=title))
    if author:
        document.meta.addElement(meta.InitialCreator(text=author))
    if heading:
        document.text.addElement(odftext.H(outlinelevel=1, text=heading))
    for paragraph in paragraphs:
        document.text.addElement(odftext.P(text=paragraph))
    document.save(str(path))


def epub_file(path, chapters, title="", author="", date="", entity_bomb=False):
    """An EPUB whose spine lists ``chapters`` (heading, text) in reverse of their
    file names' order, so reading order shows it follows the spine."""
    names = [f"c{len(chapters) - i}.xhtml" for i in range(len(chapters))]
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/epub+zip")
        z.writestr(
            "META-INF/container.xml",
            '<?xml version="1.0"?><container version="1.0" '
            'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
            '<rootfile full-path="OEBPS/content.opf" '
            'media-type="application/oebps-package+xml"/></rootfiles></container>',
        )
        items = "".join(
            f'<item id="i{k}" href="{n}" media-type="application/xhtml+xml"/>'
            for k, n in enumerate(names)
        )
        spine = "".join(f'<itemref idref="i{k}"/>' for k in range(len(names)))
        z.writestr(
            "OEBPS/content.opf",
            '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" '
            'version="3.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<dc:title>{title}</dc:title><dc:creator>{author}</dc:creator>"
            f"<dc:date>{date}</dc:date></metadata><manifest>{items}</manifest>"
            f"<spine>{spine}</spine></package>",
        )
        bomb = (
            (
                '<!DOCTYPE html [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
                '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
            )
            if entity_bomb
            else ""
        )
        for name, (heading, body) in zip(names, chapters):
            z.writestr(
                f"OEBPS/{name}",
                f'<?xml version="1.0" encoding="utf-8"?>{bomb}'
                '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title>'
                f"<style>p {{ color: red }}</style></head><body><h1>{heading}</h1>"
                f"<p>{body}</p>{'<p>&c;</p>' if entity_bomb else ''}</body></html>",
            )


def zip_bomb(path, member, size):
    """A ZIP whose ``member`` inflates to ``size`` bytes of zeros."""
    chunk = bytes(1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        with z.open(member, "w", force_zip64=True) as f:
            for _ in range(size // len(chunk)):
                f.write(chunk)
    os.utime(path)


def entity_bomb(path, member, make):
    """A valid document whose ``member`` declares entities that expand a billion-fold."""
    make(path, ["فقرة"])
    with zipfile.ZipFile(path) as z:
        parts = {info.filename: z.read(info) for info in z.infolist()}
    xml = parts[member].decode()
    start = xml.index("?>") + 2
    laughs = "".join(
        f'<!ENTITY l{k} "{"".join(f"&l{k - 1};" for _ in range(10))}">' for k in range(1, 10)
    )
    root = xml[start:].lstrip().split()[0][1:]
    xml = (
        xml[:start]
        + f'<!DOCTYPE {root} [<!ENTITY l0 "aaaaaaaaaa">{laughs}]>'
        + xml[start:].replace("فقرة", "فقرة &l9;")
    )
    parts[member] = xml.encode()
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
