// A document job's page (events/templates/events/staff/document_job.html): asks the job's JSON
// status every second or two and moves the progress bar, until the file's link can be shown.
// Every text comes from the server, already in the page's language.
(function () {
  "use strict";
  var root = document.querySelector("[data-document-job]");
  if (!root) {
    return;
  }
  var bar = root.querySelector("progress");
  var label = root.querySelector("label");
  var progress = root.querySelector("[data-job-progress]");
  var ready = root.querySelector("[data-job-ready]");
  var link = root.querySelector("[data-job-link]");
  var failed = root.querySelector("[data-job-failed]");
  var url = root.getAttribute("data-status-url");
  var delay = 1000;

  function show(job) {
    bar.max = job.total || 1;
    bar.value = job.done;
    bar.textContent = Math.round((100 * job.done) / (job.total || 1)) + " %";
    label.textContent = job.label;
    progress.textContent = job.progress;
    if (job.url) {
      link.href = job.url;
      ready.hidden = false;
    }
    failed.hidden = job.status !== "failed";
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      })
      .then(function (job) {
        show(job);
        if (job.status === "pending" || job.status === "running") {
          window.setTimeout(poll, delay);
        }
      })
      .catch(function () {
        // A network hiccup or a restart: try again, less often.
        delay = Math.min(delay * 2, 30000);
        window.setTimeout(poll, delay);
      });
  }

  if (ready.hidden && failed.hidden) {
    window.setTimeout(poll, delay);
  }
})();
