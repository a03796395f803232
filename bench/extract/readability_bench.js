// Runs Mozilla Readability (with jsdom) over pages inside one long-lived node process and
// times each page (jsdom parse + Readability.parse) in CPU time of the process, the way
// tidings' extract-bench times its own extractor (start-up is left out):
//   node readability_bench.js OUT_DIR BASE_URL PAGE...
// Writes OUT_DIR/N.json: {file, ms, ok, title, byline, site_name, html}.
"use strict";
const fs = require("fs");
const path = require("path");
const { JSDOM, VirtualConsole } = require("jsdom");
const { Readability } = require("@mozilla/readability");

const [outDir, baseUrl, ...pages] = process.argv.slice(2);
const quiet = new VirtualConsole(); // page scripts never run; silence CSS parse noise
pages.forEach((file, i) => {
  const html = fs.readFileSync(file, "utf8");
  const t0 = process.cpuUsage();
  let article = null;
  try {
    const dom = new JSDOM(html, { url: baseUrl, virtualConsole: quiet });
    article = new Readability(dom.window.document).parse();
  } catch (e) {
    article = null;
  }
  const used = process.cpuUsage(t0);
  const ms = (used.user + used.system) / 1e3;
  const out = {
    file, ms, ok: !!article,
    title: article ? article.title : null,
    byline: article ? article.byline : null,
    site_name: article ? article.siteName : null,
    html: article ? article.content : "",
  };
  fs.writeFileSync(path.join(outDir, `${i}.json`), JSON.stringify(out));
  process.stdout.write(`${ms.toFixed(3)}\t${file}\n`);
});
