// Summaries, stage 6: summary model and Markdown/HTML/JSON renderers, Swedish and English.
