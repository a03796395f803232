EXTRA_DIST += demo/run demo/tidings-news.xml demo/terminal-tips.xml demo/world-letters.xml
