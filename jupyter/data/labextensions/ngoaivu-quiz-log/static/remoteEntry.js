/*
 * The course's quiz answer log, written by hand (no build step, no dependency): a module federation
 * container in the form JupyterLab's loader expects (window._JUPYTERLAB[name] with init/get).
 *
 * What it does: a lesson quiz (grader.widgets.Quiz, grader.quiz_log) publishes its first answers as a display
 * output of MIME type application/vnd.ngoaivu.quiz-answers+json ({"quiz": id, "answers": {question id: ...}}),
 * shown once and updated in place. For every open notebook, this plugin listens to its kernel's display and
 * update_display_data messages and merges the answers into the notebook's metadata under 'ngoaivu_quiz',
 * keeping an answer already there: the first try stays the first. The notebook is then saved with it (the
 * trainee's save or autosave), so the answers travel with the file. It uses only the shell's main-area
 * widgets, each notebook panel's sessionContext.iopubMessage signal and the notebook model's
 * getMetadata/setMetadata.
 */
(function () {
  'use strict';

  var MIME = 'application/vnd.ngoaivu.quiz-answers+json';
  var KEY = 'ngoaivu_quiz';

  function merge(model, payload) {
    if (!model || !model.getMetadata || !model.setMetadata) {
      return;
    }
    if (!payload || typeof payload.quiz !== 'string' || !payload.answers || typeof payload.answers !== 'object') {
      return;
    }
    var all = Object.assign({}, model.getMetadata(KEY) || {});
    var mine = Object.assign({}, all[payload.quiz] || {});
    var changed = false;
    Object.keys(payload.answers).forEach(function (question) {
      if (!Object.prototype.hasOwnProperty.call(mine, question)) {
        mine[question] = payload.answers[question];
        changed = true;
      }
    });
    if (changed) {
      all[payload.quiz] = mine;
      model.setMetadata(KEY, all);
    }
  }

  var plugin = {
    id: 'ngoaivu-quiz-log:first-answers-in-metadata',
    description: "Saves each trainee's first quiz answers in the notebook's metadata.",
    autoStart: true,
    activate: function (app) {
      var watched = new WeakSet();

      function watch(panel) {
        if (!panel || watched.has(panel) || !panel.sessionContext || !panel.content) {
          return;
        }
        var signal = panel.sessionContext.iopubMessage;
        if (!signal || !signal.connect) {
          return;
        }
        watched.add(panel);
        signal.connect(function (_, msg) {
          var type = msg && msg.header && msg.header.msg_type;
          if (type !== 'display_data' && type !== 'update_display_data') {
            return;
          }
          var data = msg.content && msg.content.data;
          if (data && data[MIME]) {
            merge(panel.content.model, data[MIME]);
          }
        });
      }

      function scan() {
        var widgets = app.shell.widgets ? app.shell.widgets('main') : [];
        for (var w of widgets) {
          watch(w);
        }
      }

      if (app.shell.currentChanged) {
        app.shell.currentChanged.connect(scan);
      }
      if (app.shell.layoutModified) {
        app.shell.layoutModified.connect(scan);
      }
      app.restored.then(scan);
    }
  };

  var modules = {
    './extension': function () {
      return { __esModule: true, default: [plugin] };
    }
  };

  var root = (window._JUPYTERLAB = window._JUPYTERLAB || {});
  root['ngoaivu-quiz-log'] = {
    init: function () {
      return Promise.resolve();
    },
    get: function (module) {
      if (!Object.prototype.hasOwnProperty.call(modules, module)) {
        return Promise.reject(new Error('ngoaivu-quiz-log has no module ' + module));
      }
      return Promise.resolve(modules[module]);
    }
  };
})();
