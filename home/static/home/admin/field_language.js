// Inputs the admin draws in the browser (StreamField blocks, rich text editors) say which language
// they hold, as the server's do (home/field_language.py): in the Arabic body, `body_ar-0-value`,
// and in a block's Arabic text, `agenda-0-value-title_ar`, Arabic is typed: lang="ar" dir="rtl".
// The script's data-directions attribute maps each language to its direction
// ({"fr": "ltr", "ar": "rtl", "en": "ltr"}).
(() => {
  const directions = JSON.parse(document.currentScript.dataset.directions);
  const INPUT = 'input[type="text"][name], textarea[name], input[data-draftail-input][name]';
  const EDITOR = "[data-draftail-editor-wrapper]";

  // The suffix of the innermost part of the name that has one: "body_ar-0-value" -> "ar",
  // "agenda-0-value-title_ar" -> "ar"; undefined for a name without any.
  const languageOfName = (name) => {
    for (const part of name.split("-").reverse()) {
      const code = part.slice(part.lastIndexOf("_") + 1);
      if (part.includes("_") && Object.hasOwn(directions, code)) return code;
    }
    return undefined;
  };
  const languageOf = (input) => input.getAttribute("lang") || languageOfName(input.name);

  const mark = (element, language) => {
    if (language && !element.hasAttribute("lang")) {
      element.setAttribute("lang", language);
      element.setAttribute("dir", directions[language]);
    }
  };

  const within = (root, selector) =>
    [root, ...root.querySelectorAll(selector)].filter((element) => element.matches(selector));

  const markWithin = (root) => {
    if (!(root instanceof Element)) return;
    for (const input of within(root, INPUT)) mark(input, languageOf(input));
    // Draftail draws its editor beside its hidden input, which names the field.
    for (const editor of within(root, EDITOR)) {
      const input = editor.parentNode.querySelector(':scope > input[type="hidden"][name]');
      if (input) mark(editor, languageOf(input));
    }
  };

  // A rich text block's editor writes its paragraphs in the field's direction, as the server
  // asks of the others (Draftail's textDirectionality option): Wagtail's telepath widget passes
  // its last `render` argument on to Draftail as options.
  const DRAFTAIL = "wagtail.widgets.DraftailRichTextArea";
  const Draftail = window.telepath?.constructors[DRAFTAIL];
  if (Draftail) {
    window.telepath.register(
      DRAFTAIL,
      class extends Draftail {
        render(placeholder, name, id, initialState, capabilities, options = {}) {
          const language = languageOfName(name);
          const directed = language
            ? { ...options, textDirectionality: directions[language].toUpperCase() }
            : options;
          return super.render(placeholder, name, id, initialState, capabilities, directed);
        }
      },
    );
  }

  new MutationObserver((mutations) => {
    for (const mutation of mutations) mutation.addedNodes.forEach(markWithin);
  }).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", () => markWithin(document.body));
})();
