// replylint pre-send check for Freshdesk (platform 2.3).
//
// Intercepts the Send button (`ticket.sendReply` with intercept: true) and posts the reply, the ticket
// and the requester to the replylint service through the `lintReply` request template
// (config/requests.json: POST /v1/hooks/freshdesk). "block" calls event.helper.fail(message), which
// Freshdesk shows as an error and which stops the reply; anything else calls event.helper.done().
// When the service is down or slower than timeout_ms, the fail mode decides.
(function () {
  'use strict';

  var TEMPLATE = 'lintReply';
  var client = null;

  function show(text, kind) {
    var status = document.getElementById('status');
    status.textContent = text;
    status.className = kind || '';
  }

  function notify(type, text) {
    return client.interface.trigger('showNotify', { type: type, message: text }).catch(function () {});
  }

  // Reject after ms: Send must never wait on a hung service.
  function within(ms, promise) {
    return new Promise(function (resolve, reject) {
      var timer = setTimeout(function () { reject(new Error('timed out after ' + ms + ' ms')); }, ms);
      promise.then(
        function (value) { clearTimeout(timer); resolve(value); },
        function (error) { clearTimeout(timer); reject(error); }
      );
    });
  }

  function hasText(reply) {
    var text = reply.body_text || reply.full_text || String(reply.body || '').replace(/<[^>]*>|&nbsp;/g, '');
    return Boolean(String(text || '').trim());
  }

  function payload(reply, ticket, contact) {
    return {
      reply: reply,
      ticket: { id: ticket.id, description_text: ticket.description_text, description: ticket.description },
      contact: { name: contact.name, email: contact.email }
    };
  }

  // What to show for an answer; returns the message that must stop the reply, or null.
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
      notify('warning', answer.message);
    } else {
      show('No problems found in the last reply.');
    }
    return null;
  }

  // No answer (down, slow, refused): fail-closed stops the reply, anything else lets it go unchecked.
  function unavailable(iparams, error) {
    var reason = (error && (error.status ? 'HTTP ' + error.status : error.message)) || 'no answer';
    if (iparams.fail_mode === 'fail-closed') {
      show('replylint is unavailable: reply not sent.', 'block');
      return 'replylint is unavailable (' + reason + '), so this reply was not sent. Try again in a moment.';
    }
    show('replylint is unavailable: reply sent unchecked.', 'warn');
    notify('warning', 'replylint is unavailable (' + reason + '): the reply was not checked.');
    return null;
  }

  function onSendReply(event) {
    var iparams = {};
    var reply = event.helper.getData() || {};
    client.iparams.get()
      .then(function (values) {
        iparams = values;
        if (!hasText(reply)) {
          return null;
        }
        return Promise.all([client.data.get('ticket'), client.data.get('contact')]).then(function (found) {
          var body = payload(reply, found[0].ticket || {}, found[1].contact || {});
          var request = client.request.invokeTemplate(TEMPLATE, { body: JSON.stringify(body) });
          return within(Number(iparams.timeout_ms) || 3000, request).then(function (result) {
            return JSON.parse(result.response);
          });
        });
      })
      .then(outcome, function (error) { return unavailable(iparams, error); })
      .then(function (blocking) {
        if (blocking) {
          event.helper.fail(blocking);
        } else {
          event.helper.done();
        }
      }, function () {
        event.helper.done();  // a bug in this app must not hold the agent's reply
      });
  }

  document.onreadystatechange = function () {
    if (document.readyState !== 'complete') {
      return;
    }
    app.initialized().then(function (initialized) {
      client = initialized;
      client.events.on('ticket.sendReply', onSendReply, { intercept: true });
    });
  };
})();
