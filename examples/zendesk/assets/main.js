// replylint pre-send check for Zendesk Support (ZAF v2).
//
// On every ticket submit (the `ticket.save` hook) a public reply is sent to the replylint service's
// /v1/hooks/zendesk endpoint. "block" cancels the submit: the hook rejects with the service's one-line
// message, which Zendesk shows to the agent. "warn" shows the message and lets the reply go out.
// When the service is down or slower than timeout_ms, the fail mode decides.
(function () {
  'use strict';

  var HOOK_PATH = '/v1/hooks/zendesk';
  var client = ZAFClient.init();
  var status = document.getElementById('status');

  function show(text, kind) {
    status.textContent = text;
    status.className = kind || '';
  }

  // Reject after ms: the Send button must never wait on a hung service.
  function within(ms, promise) {
    return new Promise(function (resolve, reject) {
      var timer = setTimeout(function () { reject(new Error('timed out after ' + ms + ' ms')); }, ms);
      promise.then(
        function (value) { clearTimeout(timer); resolve(value); },
        function (error) { clearTimeout(timer); reject(error); }
      );
    });
  }

  function payload(data) {
    return {
      ticket: {
        id: data['ticket.id'],
        requester: data['ticket.requester'] || null,
        comment: { text: data['ticket.comment.text'] || '', type: data['ticket.comment.type'] },
        conversation: data['ticket.conversation'] || []
      }
    };
  }

  function lint(settings, body) {
    return client.request({
      url: String(settings.service_url).replace(/\/+$/, '') + HOOK_PATH,
      type: 'POST',
      contentType: 'application/json',
      data: JSON.stringify(body),
      // The token is a secure setting: Zendesk's proxy fills it in, the browser never sees it.
      headers: { Authorization: 'Bearer {{setting.token}}' },
      secure: true,
      cors: false,
      dataType: 'json'
    });
  }

  // What to show for an answer; returns the message that must block the submit, or null.
  function outcome(answer) {
    if (!answer) {
      return null;  // nothing to check
    }
    if (answer.decision === 'block') {
      show(answer.message, 'block');
      return answer.message;
    }
    if (answer.decision === 'warn') {
      show(answer.message, 'warn');
      client.invoke('notify', answer.message, 'alert');
    } else {
      show('No problems found in the last reply.');
    }
    return null;
  }

  // No answer (down, slow, refused): fail-closed blocks, anything else lets the reply go out unchecked.
  function unavailable(settings, error) {
    var reason = (error && ((error.responseJSON && error.responseJSON.error) ||
      (error.status ? 'HTTP ' + error.status : error.message))) || 'no answer';
    if (settings.fail_mode === 'fail-closed') {
      show('replylint is unavailable: submit blocked.', 'block');
      return 'replylint is unavailable (' + reason + '), so this reply was not sent. Try again in a moment.';
    }
    show('replylint is unavailable: reply sent unchecked.', 'warn');
    client.invoke('notify', 'replylint is unavailable (' + reason + '): the reply was not checked.', 'notice');
    return null;
  }

  function onSave() {
    var settings = {};
    return client.metadata()
      .then(function (metadata) {
        settings = metadata.settings;
        return client.get(['ticket.id', 'ticket.requester', 'ticket.comment.text', 'ticket.comment.type',
          'ticket.conversation']);
      })
      .then(function (data) {
        // Internal notes and submits without a comment (a status change) never reach the customer.
        var text = String(data['ticket.comment.text'] || '').replace(/<[^>]*>|&nbsp;/g, '').trim();
        if (data['ticket.comment.type'] === 'internalNote' || !text) {
          return null;
        }
        return within(Number(settings.timeout_ms) || 3000, lint(settings, payload(data)));
      })
      .then(outcome, function (error) { return unavailable(settings, error); })
      .then(function (blocking) {
        // Rejecting with a string cancels the save and shows it to the agent (an Error object may not).
        return blocking ? Promise.reject(blocking) : undefined;
      });
  }

  client.on('app.registered', function () {
    client.invoke('resize', { width: '100%', height: '60px' });
  });
  client.on('ticket.save', onSave);
})();
