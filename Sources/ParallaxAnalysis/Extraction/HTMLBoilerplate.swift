/// Which HTML elements are never main text, by tag and by the words in their class, id and role.
enum HTMLBoilerplate {
    /// Elements whose whole subtree is dropped.
    static let droppedTags: Set<String> = [
        "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas", "video",
        "audio", "picture", "map", "button", "select", "option", "optgroup", "input", "textarea", "label",
        "fieldset", "legend", "nav", "aside", "footer", "header", "menu", "dialog", "title", "meta",
        "link", "base", "frame", "frameset", "applet", "datalist", "output", "progress", "meter", "source",
        "track", "area", "marquee", "rt", "rp",
    ]

    /// Tags that start a block of text.
    static let blockTags: Set<String> = [
        "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt",
        "dd", "blockquote", "pre", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "caption", "figure",
        "figcaption", "address", "hr", "center", "details", "summary", "body", "html", "#root",
    ]

    /// Words in class/id/role that mark page furniture. Page builders put "widget" and "hidden-tablet" on
    /// everything, so those are not in the list. Matched against whole tokens of the attribute
    /// (split on spaces, dashes, underscores and camel case), so "sharebar" needs its own entry.
    static let negativeTokens: Set<String> = [
        "comment", "comments", "commentlist", "share", "sharing", "social", "sharebar", "socials", "related",
        "sidebar", "menu", "nav", "navbar", "navigation", "footer", "cookie", "cookies",
        "consent", "gdpr", "newsletter", "subscribe", "subscription", "promo", "advert", "advertisement", "ads",
        "ad", "adsense", "sponsor", "sponsored", "breadcrumb", "breadcrumbs", "tags", "tag", "tagcloud",
        "byline", "dateline", "timestamp", "rating", "print", "popup", "modal", "overlay", "paywall", "login",
        "signup", "register", "toolbar", "pagination", "pager", "recommended", "recommendations", "trending",
        "popular", "mostread", "outbrain", "taboola", "disqus", "sronly", "visually", "skip",
        "masthead", "banner", "teasers", "readmore", "author", "bio", "copyright", "legal", "imprint",
        "caption", "credit", "credits", "figcaption", "meta", "share-tools", "follow", "donate", "partner",
        "partners", "feedback", "reactions", "latest", "header", "topbar", "toc", "crumbs", "utility",
    ]

    /// Class words of boxes that credit agencies, photographers or the author.
    static let creditTokens: Set<String> = [
        "caption", "credit", "credits", "copyright", "source", "sources", "agency", "byline", "author", "dateline",
    ]

    /// Words that mark the article body; an element carrying one is kept even when a negative word is there too
    /// ("article-body-sidebar" is rare; "has-sidebar" on the body wrapper is not).
    static let positiveTokens: Set<String> = [
        "article", "articlebody", "body", "content", "entry", "main", "post", "story", "text", "blog", "news",
        "page", "richtext", "prose",
    ]

    /// Class/id tokens that, together, name the article body ("article-body", "entry-content").
    static let bodyNames: Set<String> = [
        "articlebody", "article-body", "article_body", "articletext", "article-text", "article-content",
        "articlecontent", "article__body", "article__content", "story-body", "storybody", "story-content",
        "entry-content", "post-content", "post-body", "postbody", "post-entry", "td-post-content", "news-text",
        "news-body", "content-body", "text-content", "article-main", "main-text", "maintext", "story-text",
        "single-content", "article__text", "articletextcontainer", "artikel", "body-text", "bodytext",
    ]

    /// Splits "mainNav sidebar__ad-wrapper" into ["main", "nav", "sidebar", "ad", "wrapper"].
    static func tokens(_ value: String) -> [String] {
        var out: [String] = []
        var current: [UInt8] = []
        var previousLower = false
        func flush() {
            if !current.isEmpty { out.append(String(decoding: current, as: UTF8.self)) }
            current.removeAll(keepingCapacity: true)
        }
        for byte in value.utf8 {
            let upper = byte >= 0x41 && byte <= 0x5A
            let lower = byte >= 0x61 && byte <= 0x7A
            if upper || lower || (byte >= 0x30 && byte <= 0x39) || byte >= 0x80 {
                if upper && previousLower { flush() }
                current.append(upper ? byte | 0x20 : byte)
                previousLower = lower
            } else {
                flush()
                previousLower = false
            }
        }
        flush()
        return out
    }


    /// Whether class/id/role words mark the element as furniture.
    static func isFurniture(classAndID: String, role: String?) -> Bool {
        if let role, ["navigation", "complementary", "contentinfo", "banner", "search", "menu", "dialog",
                      "alert"].contains(role.lowercased()) {
            return true
        }
        // Each class name is read on its own, BEM-style: "qdf-article__meta" and "post-meta" are furniture
        // (the last furniture word comes after any body word), "sidebar-layout" and "has-sidebar" are layout.
        // A class name that is purely a body word ("post", "entry-content") keeps the element.
        var furniture = false
        for name in classAndID.split(whereSeparator: \.isWhitespace) {
            let words = tokens(String(name))
            guard let lastNegative = words.lastIndex(where: negativeTokens.contains) else {
                if words.contains(where: positiveTokens.contains) { return false }
                continue
            }
            if words.contains(where: layoutTokens.contains) { continue }
            if !words[(lastNegative + 1)...].contains(where: positiveTokens.contains) { furniture = true }
        }
        return furniture
    }

    static let layoutTokens: Set<String> = [
        "layout", "has", "with", "wrapper", "container", "row", "grid", "col", "inner", "outer", "page", "site",
    ]

    /// Inline elements: their class words never drop them (a `<span class="dateline">` opens a paragraph).
    static let inlineTags: Set<String> = [
        "span", "a", "strong", "b", "em", "i", "u", "small", "time", "abbr", "cite", "mark", "sup", "sub", "font",
    ]


    /// Whether the class/id names the article body.
    static func isBodyName(_ classAndID: String) -> Bool {
        for raw in classAndID.lowercased().split(whereSeparator: { $0 == " " }) where bodyNames.contains(String(raw)) {
            return true
        }
        return false
    }
}
