// The chat panel: a dialog with header, log, and the composer (or the offline form), plus
// the rating form once a person has closed the chat. One class component holds the UI
// state (no hooks: preact/hooks would cost ~0.9 KB brotli of the 15 KB budget).

import { Component, createRef } from 'preact';
import type { ChatClient } from '../client/client';
import type { ChatView } from '../client/types';
import { Composer } from './Composer';
import { Header } from './Header';
import { MessageList, quickReplies } from './MessageList';
import { OfflineForm } from './OfflineForm';
import { Rating } from './Rating';
import { strings as s } from './strings';
import { followVisualViewport } from './visualViewport';

interface Props {
  client: ChatClient;
  onClose: () => void;
  /** The unsent text, kept by the caller across close/open and page navigations. */
  draft: string;
  onDraft: (text: string) => void;
}
interface State {
  view: ChatView;
  /** "Talk to a person" was pressed (until the conversation leaves `bot`). */
  asked: boolean;
  text: string;
  /** The offline form was sent to this address. */
  sentTo?: string;
  score: number;
}

export class Panel extends Component<Props, State> {
  private panel = createRef<HTMLDivElement>();
  private log = createRef<HTMLDivElement>();
  private input = createRef<HTMLTextAreaElement>();
  private email = createRef<HTMLInputElement>();
  private stop: Array<() => void> = [];

  constructor(props: Props) {
    super(props);
    this.state = { view: props.client.getView(), asked: false, text: props.draft, score: 0 };
  }

  componentDidMount() {
    this.stop.push(
      this.props.client.on('change', (view) => this.setState({ view, asked: this.state.asked && view.state.conversation === 'bot' })),
      followVisualViewport(this.panel.current!),
    );
    this.setState({ view: this.props.client.getView() });
    this.scroll();
    this.focusInput(); // opening focuses the input (the panel mounts on open)
  }

  componentDidUpdate(_: Props, prev: State) {
    const a = prev.view;
    const b = this.state.view;
    if (a.messages.length !== b.messages.length || a.typing !== b.typing || a.state.conversation !== b.state.conversation || quickReplies(a).length !== quickReplies(b).length) {
      this.scroll();
    }
    if ((a.state.conversation === 'offline') !== (b.state.conversation === 'offline')) this.focusInput();
  }

  componentWillUnmount() {
    for (const f of this.stop) f();
  }

  private scroll() {
    const el = this.log.current;
    if (el) el.scrollTop = el.scrollHeight;
  }

  private focusInput() {
    (this.state.view.state.conversation === 'offline' ? this.email : this.input).current?.focus();
  }

  render({ client, onClose }: Props, { view, asked, text, sentTo, score }: State) {
    const convo = view.state.conversation;
    return (
      <div
        ref={this.panel}
        class="panel"
        role="dialog"
        aria-labelledby="heed-title"
        data-testid="heed-panel"
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onClose();
          }
        }}
      >
        <Header state={view.state} titleId="heed-title" onClose={onClose} />
        <MessageList view={view} logRef={this.log} onRetry={(id) => client.retry(id)} onQuickReply={(t) => {
            client.send(t);
            this.focusInput(); // the buttons go away; keep focus in the panel
          }}
        />
        {convo === 'bot' && (
          <button
            type="button"
            class="handoff"
            data-testid="heed-handoff"
            disabled={asked}
            onClick={() => {
              this.setState({ asked: true });
              client.handoff();
              this.focusInput();
            }}
          >
            {s.handoff}
          </button>
        )}
        {convo === 'closed' && view.messages.some((m) => m.from === 'agent') && (
          <Rating rated={view.rated} score={score} onScore={(n) => this.setState({ score: n })} onRate={(n, comment) => client.rate(n, comment)} />
        )}
        {convo === 'offline' ? (
          <OfflineForm firstRef={this.email} sentTo={sentTo} onSend={(t, contact) => {
              client.send(t, contact);
              this.setState({ sentTo: contact.email });
            }}
          />
        ) : (
          <Composer
            inputRef={this.input}
            text={text}
            onText={(t) => {
              this.setState({ text: t });
              this.props.onDraft(t);
              client.noteTyping();
            }}
            onSend={(t) => {
              client.send(t);
              this.setState({ text: '' });
              this.props.onDraft('');
            }}
          />
        )}
      </div>
    );
  }
}
