/* The header's menu button on small screens (components/site_header.html).
 *
 * Without this script the button stays hidden and the menu panel open, so the navigation is
 * always reachable. The script shows the button and closes the panel; the button opens and closes
 * it, and Escape closes it and puts the focus back on the button. On wide screens the stylesheet
 * hides the button and shows the panel whatever its state.
 */
(function () {
    "use strict";

    var header = document.querySelector("[data-site-header]");
    var button = header && header.querySelector("[data-menu-toggle]");
    var panel = button && document.getElementById(button.getAttribute("aria-controls"));
    if (!panel) {
        return;
    }

    function isOpen() {
        return button.getAttribute("aria-expanded") === "true";
    }

    function setOpen(open) {
        button.setAttribute("aria-expanded", open ? "true" : "false");
        header.setAttribute("data-menu", open ? "open" : "closed");
    }

    setOpen(false);
    button.hidden = false;

    button.addEventListener("click", function () {
        setOpen(!isOpen());
    });

    document.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && isOpen() && button.offsetParent !== null) {
            setOpen(false);
            button.focus();
        }
    });
})();
