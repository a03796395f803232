#!/usr/bin/env python3
"""Writes the round-2 hostile documents of tests/data/hardening (issue 19). Run once; the
files are kept in the repository, this script beside them says how they were made."""
import json
import os
import sys

out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))


def w(name, text, enc="utf-8"):
    data = text.encode(enc, "surrogatepass") if isinstance(text, str) else text
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)


def rss(title, items, head='<?xml version="1.0" encoding="utf-8"?>\n', ns=""):
    body = "".join(items)
    return ('%s<rss version="2.0"%s><channel><title>%s</title><link>http://127.0.0.1/h</link>'
            "<description>hostile</description>\n%s</channel></rss>\n" % (head, ns, title, body))


def item(guid, title="t", link="http://127.0.0.1/x", extra=""):
    return "<item><title>%s</title><guid>%s</guid><link>%s</link>%s</item>\n" % (
        title, guid, link, extra)


# C1 controls (valid XML characters) that some terminals take for CSI, OSC, DCS
c1 = "".join(chr(c) for c in range(0x80, 0xa0))
w("c1_controls.xml", rss("C1 " + c1, [item("c1", "csi \u009b2J osc \u009d0;pwned\u009c " + c1,
                                           extra="<description>\u009b31m red \u009b0m %s</description>" % c1)]))
w("bidi_overrides.xml", rss("\u202eevil\u202c \u2066iso\u2069", [
    item("b1", "\u202egnp.exe\u202c \u200b\u200c\u200d\ufeff zero widths \u2028line\u2029para",
         extra="<description>\u202e<b>reversed</b> \u061c \u200e\u200f</description>")]))
w("osc52_refs.xml", rss("refs", [item("o1", "&#x9b;52;c;cHduZWQ=&#x9c; &#155;2J",
                                      extra="<description>&amp;#x1b;]52;c;x&amp;#x7; &#x9d;8;;http://evil/&#x9c;link&#x9d;8;;&#x9c;</description>")]))
w("terminal_titles.xml", rss("tabs\t\t\tand\r\rreturns", [
    item("tt", "a\rb\tc\u2028d\u0085e" + "\t" * 200, extra="<author>\r\n\t</author>")]))
w("javascript_links.xml", rss("links", [
    item("j1", "js", "javascript:alert(1)"), item("j2", "data", "data:text/html,<script>alert(1)</script>"),
    item("j3", "vb", "vbscript:msgbox(1)"), item("j4", "file", "file:///etc/passwd"),
    item("j5", "spaces", " \tjavascript :alert(1)")]))
w("atom_xhtml_script.xml", '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>x</title><id>x</id>'
  '<entry><id>ax1</id><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script>T<b onclick="x()">itle</b></div></title>'
  '<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="alert(1)"/><a href="javascript:alert(1)">j</a>'
  '<iframe src="http://127.0.0.1/"></iframe><style>*{}</style><object data="x"/><svg><script>1</script></svg></div></content></entry></feed>\n')
w("atom_xmlbase_file.xml", '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xml:base="file:///etc/"><title>base</title><id>b</id>'
  '<entry xml:base="javascript:alert(1)//"><id>xb1</id><title>rel</title><link href="passwd"/><content type="html">&lt;a href="shadow"&gt;s&lt;/a&gt;&lt;img src="hosts"&gt;</content></entry>'
  '<entry><id>xb2</id><title>rel2</title><link href="../../../../etc/passwd"/></entry></feed>\n')
w("atom_content_src.xml", '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>src</title><id>s</id>'
  '<entry><id>cs1</id><title>out of line</title><content src="file:///etc/passwd" type="text/plain"/></entry>'
  '<entry><id>cs2</id><title>b64</title><content type="application/octet-stream">!!!not base64!!!</content></entry></feed>\n')
w("atom03_base64.xml", '<?xml version="1.0"?><feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>03</title>'
  '<entry><id>a03</id><title mode="base64">G1syShtdMDtwd25lZAc=</title><content mode="base64" type="text/html">%%%garbage===</content>'
  '<issued>99999-99-99T99:99:99Z</issued></entry></feed>\n')
w("rdf_hostile.xml", '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">'
  '<channel rdf:about="javascript:1"><title>rdf</title><link>javascript:alert(1)</link></channel>'
  '<item rdf:about="data:,x"><title>outside</title><link>file:///etc/passwd</link></item>'
  '<item><title>no about</title></item><item rdf:about=""/></rdf:RDF>\n')
w("many_enclosures.xml", rss("enc", [item("me", extra="".join(
    '<enclosure url="http://127.0.0.1/e%d.mp3" type="audio/mpeg" length="%d"/>' % (i, -i) for i in range(3000)))]))
w("many_categories.xml", rss("cat", [item("mc", extra="".join(
    "<category>c%d\u202e</category>" % i for i in range(3000)))]))
w("atom_many_links.xml", '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>l</title><id>l</id><entry><id>ml</id><title>links</title>'
  + "".join('<link rel="%s" href="http://127.0.0.1/%d"/>' % (("alternate", "enclosure", "related")[i % 3], i) for i in range(3000))
  + "</entry></feed>\n")
w("utf16_bom.xml", '\ufeff<?xml version="1.0" encoding="UTF-16"?>' + rss("UTF-16 \u00e9\u202e", [item("u16", "sixteen \u009b2J")], head=""), "utf-16-le")
w("wrong_declared_encoding.xml", rss("sjis? \u00e9\u00e8 \U0001F600", [item("we", "\u00e9\u00e8\u00ea")],
                                     head='<?xml version="1.0" encoding="Shift_JIS"?>\n'))
w("unknown_encoding.xml", rss("klingon", [item("ue")], head='<?xml version="1.0" encoding="x-klingon-42"?>\n'))
w("bad_char_refs.xml", rss("refs &#0; &#xD800; &#x110000; &#xFFFE; &#99999999999;", [
    item("cr", "&foo; &nbsp; &#8; &#x1b;[2J &#27;]0;x&#7;", extra="<description>&#xDFFF;&undefined;&amp;</description>")]))
w("cdata_tricks.xml", rss("<![CDATA[cd]]>ata", [
    item("cd1", "<![CDATA[<b>]]]]><![CDATA[>\x1b]]>", extra="<description><![CDATA[<![CDATA[nested]]]]><![CDATA[>]]></description>"),
    item("cd2", "unterminated", extra="<description><![CDATA[never closed </description></item></channel></rss>")]))
w("comment_tricks.xml", rss("c<!-- -->t", [item("cm", "<!-- <title>hidden</title> -->shown",
                                               extra="<!-- unterminated comment <description>")]))
w("doctype_subset.xml", '<?xml version="1.0"?>\n<!DOCTYPE rss [ <!ENTITY % pe "<!ENTITY x \'boom\'>"> %pe; '
  '<!ENTITY y SYSTEM "file:///etc/passwd"> <!ENTITY z "&y;&y;"> <!ATTLIST item guid CDATA "def"> ]>\n'
  + rss("dt &x; &z;", [item("dt", "&y; &z; &x;")], head="") + '<?pi evil?>\n')
w("namespace_confusion.xml", rss("ns", [item("nc", extra='<content:encoded xmlns:content="http://www.w3.org/2005/Atom">atom?</content:encoded>'
                                         '<atom:link xmlns:atom="http://purl.org/rss/1.0/modules/content/" href="javascript:1"/>'
                                         '<media:content url="file:///etc/passwd" xmlns:media="http://search.yahoo.com/mrss/"/>'
                                         '<itunes:duration>99999999999999999999:99:99</itunes:duration>')]))
w("garbage_dates.xml", rss("dates", [item("gd%d" % i, extra="<pubDate>%s</pubDate><dc:date xmlns:dc=\"http://purl.org/dc/elements/1.1/\">%s</dc:date>" % (d, d))
                                     for i, d in enumerate(["Mon, 99 Foo 99999999 99:99:99 +9999", "-1", "0000-00-00T00:00:00Z",
                                                            "9" * 400, "Tue, 31 Feb 2024 25:61:61 -2400", "\u202e2024"])]))
w("huge_guid.xml", rss("g", [item("G" * 100000, "huge guid"), item("G" * 100000, "same huge guid")]))
w("empty_everything.xml", rss("", ["<item/>\n", "<item><title/><link/><guid/><description/><pubDate/></item>\n",
                                   "<item><guid isPermaLink=\"true\"></guid><enclosure/></item>\n"]))
w("two_roots.xml", rss("first", [item("tr1")]) + rss("second", [item("tr2")]) + "\x00\xff garbage")
w("html_disguised.xml", '<!DOCTYPE html><html><head><title>not a feed</title><!-- <rss version="2.0"><channel><title>fake</title></channel></rss> --></head>'
  '<body><script>document.write("<rss>")</script><rss version="2.0"><channel><title>inner</title></channel></rss></body></html>\n')
w("html_tricks.xml", rss("html", [item("ht", extra="<description><![CDATA[<base href=\"javascript:\"><meta http-equiv=\"refresh\" content=\"0;url=file:///etc/passwd\">"
                                   "<img srcset=\"file:///etc/passwd 1x, javascript:a 2x\"><div style=\"background:url(javascript:x)\">s</div>"
                                   "<form action=\"http://127.0.0.1/\"><input value=\"\x1b[2J\"></form><table><tr><td>" * 50 + "]]></description>")]))
w("long_word.xml", rss("w", [item("lw", "W" * 100000, extra="<description>" + "x" * 200000 + "</description>")]))
# JSON Feed
w("json_deep.json", '{"version":"https://jsonfeed.org/version/1.1","title":"deep","items":[{"id":"jd","title":"d","tags":'
  + "[" * 5000 + "]" * 5000 + "}]}\n")
w("json_wrong_types.json", json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": ["not", "a", "string"],
                                       "home_page_url": 42, "items": [{"id": 7, "title": {"x": 1}, "url": ["javascript:1"],
                                                                       "date_published": 1e308, "tags": "tag", "attachments": {"url": "x"},
                                                                       "authors": "me", "content_html": None},
                                                                      "not an object", None, [], {"id": ""}]}))
w("json_numbers.json", '{"version":"https://jsonfeed.org/version/1","title":"n","items":[{"id":1e999,"title":"big",'
  '"date_published":"99999-01-01T00:00:00Z","attachments":[{"url":"http://127.0.0.1/a","size_in_bytes":-1e400,"duration_in_seconds":1e400}]},'
  '{"id":-0,"title":"neg"},{"id":123456789012345678901234567890,"title":"huge int"}]}\n')
w("json_duplicate_keys.json", '{"version":"https://jsonfeed.org/version/1","title":"a","title":"\\u001b[2Jb","items":[{"id":"d","id":"e","title":"x","title":"\\u009b31my"}],"items":[{"id":"f","title":"second items"}]}\n')
w("json_escapes.json", '{"version":"https://jsonfeed.org/version/1","title":"\\u001b]0;pwned\\u0007\\u001b[2J","items":[{"id":"je",'
  '"title":"\\u001b]52;c;cHduZWQ=\\u0007 \\u202e \\ud800 lone \\udfff","content_text":"\\u0000nul\\u0008bs\\r\\rcr","url":"http://127.0.0.1/\\u001b"}],'
  '"\\u001bkey":"\\u001b"}\n')
w("json_surrogates.json", b'{"version":"https://jsonfeed.org/version/1","title":"\xed\xa0\x80 raw surrogate \xc0\xaf overlong","items":[{"id":"js","title":"\xf4\x90\x80\x80 beyond"}]}\n')
w("json_truncated.json", '{"version":"https://jsonfeed.org/version/1","title":"cut","items":[{"id":"jt1","title":"first"},{"id":"jt2","title":"sec')
