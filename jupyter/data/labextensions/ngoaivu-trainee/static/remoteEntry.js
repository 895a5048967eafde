/*
 * The course's JupyterLab plugin for trainees, written by hand (no build step, no dependency): a module
 * federation container in the form JupyterLab's loader expects (window._JUPYTERLAB[name] with init/get).
 *
 * What it does: a single click on a written answer, that is a Markdown cell whose nbgrader metadata says
 * "solution": true (or tagged "tra-loi", for practice cells in lessons), enters edit mode with the cursor
 * in that cell, so typing (or Ctrl+A then typing)
 * edits the answer and nothing else. Other cells keep JupyterLab's behaviour. It uses only the
 * application's public command "notebook:enter-edit-mode" and the current notebook's active cell.
 */
(function () {
  'use strict';

  var plugin = {
    id: 'ngoaivu-trainee:click-to-edit-answer',
    description: 'A click on a written answer cell puts the cursor in it.',
    autoStart: true,
    activate: function (app) {
      function answerCellClicked(event) {
        var target = event.target;
        if (!(target instanceof Element)) {
          return;
        }
        var cellNode = target.closest('.jp-MarkdownCell');
        if (!cellNode || !cellNode.closest('.jp-Notebook')) {
          return;
        }
        var panel = app.shell.currentWidget;
        var notebook = panel && panel.content;
        var cell = notebook && notebook.activeCell;
        if (!cell || cell.node !== cellNode || !cell.model || !cell.model.getMetadata) {
          return;
        }
        var meta = cell.model.getMetadata('nbgrader');
        var tags = cell.model.getMetadata('tags');
        var isAnswer = (meta && meta.solution === true) || (Array.isArray(tags) && tags.indexOf('tra-loi') >= 0);
        if (!isAnswer) {
          return;
        }
        if (notebook.mode === 'edit' && cell.rendered === false) {
          return;
        }
        app.commands.execute('notebook:enter-edit-mode').then(function () {
          if (cell.editor) {
            cell.editor.focus();
          }
        });
      }
      document.addEventListener('click', answerCellClicked);
    }
  };

  var modules = {
    './extension': function () {
      return { __esModule: true, default: [plugin] };
    }
  };

  var root = (window._JUPYTERLAB = window._JUPYTERLAB || {});
  root['ngoaivu-trainee'] = {
    init: function () {
      return Promise.resolve();
    },
    get: function (module) {
      if (!Object.prototype.hasOwnProperty.call(modules, module)) {
        return Promise.reject(new Error('ngoaivu-trainee has no module ' + module));
      }
      return Promise.resolve(modules[module]);
    }
  };
})();
