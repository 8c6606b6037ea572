// Opens the folded section (<details>) that a link in the page points to, e.g. #vraag-zeeland on Vraag en aanbod.
(function () {
    function openTarget() {
        var id = decodeURIComponent(window.location.hash.slice(1));
        var target = id && document.getElementById(id);
        if (target && target.tagName === "DETAILS") {
            target.open = true;
            target.scrollIntoView();
        }
    }
    window.addEventListener("hashchange", openTarget);
    document.addEventListener("DOMContentLoaded", openTarget);
})();
