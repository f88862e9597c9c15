// `chat`: a terminal chat with the bot. Each line shows the intent, confidence, the message's
// sentiment, the running score and the moment the chat would go to a person. Works with piped
// stdin too (one visitor message per line). `/reset` starts a new conversation.
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { loadBot } from '../../server/bot/engine';
import type { BotMemory } from '../../server/bot/types';
import { decideTurn, initialMemory } from '../../server/chat/escalation';

export async function chatCommand(intentsPath: string, input: Readable, output: Writable): Promise<number> {
  const bot = await loadBot(intentsPath);
  const say = (line: string) => output.write(`${line}\n`);
  const tty = (output as { isTTY?: boolean }).isTTY === true;
  const rl = createInterface({ input, output: tty ? output : undefined, terminal: tty, prompt: 'you> ' });
  let memory: BotMemory = initialMemory();
  let escalated = false;
  let turn = 0;
  say(`Chatting with the bot of ${bot.file}. Type a message; /reset starts over; Ctrl-D quits.`);
  if (tty) rl.prompt();
  for await (const raw of rl) {
    const text = raw.trim();
    if (text === '') { if (tty) rl.prompt(); continue; }
    if (text === '/reset') {
      memory = initialMemory();
      escalated = false;
      turn = 0;
      say('— new conversation —');
      if (tty) rl.prompt();
      continue;
    }
    turn++;
    const d = decideTurn(bot, memory, text);
    memory = d.memory;
    say(`  [turn ${turn}] intent=${d.intent ?? '(not understood)'} confidence=${d.confidence.toFixed(2)} sentiment=${d.sentiment.toFixed(2)} running=${d.memory.running.toFixed(2)} fallbacks=${d.memory.fallbacks}${d.hostile ? ` hostile=${JSON.stringify(d.hostile)}` : ''}${d.sarcastic !== undefined ? ` sarcastic=${d.sarcastic}` : ''}${d.repair ? ` repair=${JSON.stringify(d.repair)}` : ''}${d.declined ? ` declined=${JSON.stringify(d.declined)}` : ''}${d.handover !== undefined ? ` handover=${d.handover.toFixed(2)}` : ''}${d.offered ? ` offers a person (handover ≥ offerThreshold ${bot.settings.offerThreshold})` : ''}`);
    if (escalated) say('  (with a person now: the bot stays silent, sentiment is still scored for the agent)');
    else if (d.escalate) {
      escalated = true;
      say(`bot> ESCALATE at turn ${turn} (reason: ${d.escalate}${d.hostile ? `, hostile: ${JSON.stringify(d.hostile)}` : ''}${d.sarcastic !== undefined && !d.hostile ? `, sarcastic: P ${d.sarcastic}` : ''}) — a person takes over from here`);
    } else {
      say(`bot> ${d.reply!.text}`);
      if (d.reply!.quickReplies) say(`     [${d.reply!.quickReplies.join('] [')}]`);
    }
    if (tty) rl.prompt();
  }
  return 0;
}
