/*
 * The course's quiz answer log, written by hand (no build step, no dependency): a module federation
 * container in the form JupyterLab's loader expects (window._JUPYTERLAB[name] with init/get).
 *
 * What it does: a lesson quiz (grader.widgets.Quiz, grader.quiz_log) publishes its first answers as a display
 * output of MIME type application/vnd.ngoaivu.quiz-answers+json ({"quiz": id, "answers": {question id: ...}}),
 * shown once and updated in place. For every open notebook, this plugin listens to its kernel's display and
 * update_display_data messages and merges the answers into the notebook's metadata under 'ngoaivu_quiz',
 * keeping an answer already there: the first try stays the first. The notebook is then saved with it (the
 * trainee's save or autosave), so the answers travel with the file. An exercise's self-check (grader.selfcheck,
 * grader.quiz_log.publish_workspace) publishes the first answers saved in the workspace's lessons in one output
 * of the same MIME type ({"quizzes": {quiz id: {question id: ...}}}); it is merged into the exercise notebook's
 * metadata the same way, so a submission carries them. Only plain objects are taken, with ids of the course's
 * form, at most 16 quizzes of 64 questions. It uses only the shell's main-area
 * widgets, each notebook panel's sessionContext.iopubMessage signal and the notebook model's
 * getMetadata/setMetadata.
 */
(function () {
  'use strict';

  var MIME = 'application/vnd.ngoaivu.quiz-answers+json';
  var KEY = 'ngoaivu_quiz';

  var MAX_QUIZZES = 16;
  var MAX_QUESTIONS = 64;
  var QUIZ_ID = /^[a-z]{1,12}$/;
  var QUESTION_ID = /^([a-z]{1,12})\.q[1-9][0-9]?$/;

  function isObject(value) {
    return !!value && typeof value === 'object' && !Array.isArray(value);
  }

  // Merge one quiz's answers into `all` (a copy of the metadata), keeping an answer already there.
  function mergeQuiz(all, quiz, answers) {
    if (typeof quiz !== 'string' || !QUIZ_ID.test(quiz) || !isObject(answers)) {
      return false;
    }
    var known = Object.prototype.hasOwnProperty.call(all, quiz);
    if (!known && Object.keys(all).length >= MAX_QUIZZES) {
      return false;
    }
    var mine = Object.assign({}, known && isObject(all[quiz]) ? all[quiz] : {});
    var changed = false;
    Object.keys(answers).slice(0, MAX_QUESTIONS).forEach(function (question) {
      var match = QUESTION_ID.exec(question);
      if (!match || match[1] !== quiz || !isObject(answers[question])) {
        return;
      }
      if (!Object.prototype.hasOwnProperty.call(mine, question)) {
        mine[question] = answers[question];
        changed = true;
      }
    });
    if (changed) {
      all[quiz] = mine;
    }
    return changed;
  }

  // A lesson quiz's payload ({quiz, answers}) or an exercise's ({quizzes: {quiz: answers}}).
  function merge(model, payload) {
    if (!model || !model.getMetadata || !model.setMetadata || !isObject(payload)) {
      return;
    }
    var saved = model.getMetadata(KEY);
    var all = Object.assign({}, isObject(saved) ? saved : {});
    var changed = false;
    if (isObject(payload.quizzes)) {
      Object.keys(payload.quizzes).slice(0, MAX_QUIZZES).forEach(function (quiz) {
        changed = mergeQuiz(all, quiz, payload.quizzes[quiz]) || changed;
      });
    } else {
      changed = mergeQuiz(all, payload.quiz, payload.answers);
    }
    if (changed) {
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
