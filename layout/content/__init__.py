"""Article content: the markup parser (`markup.parse_article`) and the content tree it builds
(`model.Article`, `model.Block`, `model.Span`)."""
