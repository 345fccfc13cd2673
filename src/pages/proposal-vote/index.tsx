/**
 * 表决: one proposal's vote — an owners' vote (业主共同决定, Civil Code art. 278), a committee
 * vote or an advisory vote. The rule in words, live participation against the 2/3 lines (never
 * how people voted while it is open), the caller's ballot(s), the committee's paper ballots for
 * owners who have not voted, closing and counting, and the result once it is counted.
 *
 * No business rules here: whom the caller may vote for is `vote.mine`, the server refuses
 * anything else and its message is shown in place. Nothing refreshes by itself (刷新, or when
 * the page is shown again), so nothing moves while a person is choosing.
 */
import { useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { ApiError, api } from '../../api/client';
import type { ProposalView } from '../../core/proposal/api';
import { MATTER_LABELS, PROPOSAL_STATUS_LABELS, type VoteKind, proposalLink, voteKindOf } from '../../core/proposal/types';
import type { NonVoter, VoteSummary } from '../../core/vote/api';
import { CHOICES, type Choice } from '../../core/vote/tally';
import { formatArea } from '../../core/estate/types';
import { usePagedList } from '../../hooks/usePagedList';
import { useSession } from '../../hooks/useSession';
import { useSubmit } from '../../hooks/useSubmit';
import PageShell from '../../components/PageShell';
import ChoiceButton from '../../components/ChoiceButton';
import ListStatus from '../../components/ListStatus';
import { ErrorNote, OkNote } from '../../components/Notes';
import { formatDay } from '../../components/NoticeTags';
import VoteProgress from '../../components/VoteProgress';
import VoteResult, { CHANNEL_LABELS, CHOICE_LABELS, voteMethodText, voteRuleLines } from '../../components/VoteResult';
import { VOTE_PHASES, type VotePage, useVotePage } from './useVotePage';
import './index.css';

const go = (url: string) => void Taro.navigateTo({ url });

/** 1234.56 (no unit), for 参与面积：a / b m². */
const m2 = (dm2: number) => (dm2 / 100).toFixed(2);

/** 14:05, or 3月8日 14:05 when it is not today. */
const clock = (ms: number) => {
  const d = new Date(ms);
  const hm = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  return d.toDateString() === new Date().toDateString() ? hm : `${d.getMonth() + 1}月${d.getDate()}日 ${hm}`;
};

/** The caller's ballot in words: 您的选票：赞成（网上投票，可在截止前修改）. */
function ballotLine(m: VoteSummary['mine'][number], open: boolean): string {
  if (!m.choice) return open ? '您还没有投票。' : '您没有投票。';
  const channel = CHANNEL_LABELS[m.channel ?? 'online'];
  return `您的选票：${CHOICE_LABELS[m.choice]}（${channel}${open ? '，可在截止前修改' : ''}）`;
}

/** Whom a single ballot is for: 房屋：3栋1单元201 / 身份：业委会委员（本人）. */
const BALLOT_OF: Record<VoteKind, string> = { owners: '房屋：', committee: '身份：', advisory: '房屋：' };

/** Why the caller is not on the roll, by kind of vote. */
const NOT_ON_ROLL: Record<VoteKind, string> = {
  owners: '只有本小区登记的业主可以投票；如已绑定业主房屋请联系业委会。',
  committee: '这是业委会表决，只有业委会委员可以投票。',
  advisory: '征求意见每户一票，只有已绑定本小区房屋的居民可以投票；如住在本小区，请先到“我的”里绑定房屋。',
};

export default function ProposalVote() {
  const id = useRouter().params.id ?? '';
  const page = useVotePage(id);
  const session = useSession();
  const [done, setDone] = useState<string | null>(null);
  /** Bumped by each refresh, so that the committee's list is read again too. */
  const [refreshKey, setRefreshKey] = useState(0);

  const refresh = () => {
    setDone(null);
    setRefreshKey((k) => k + 1);
    void page.reload();
  };
  useDidShow(refresh);

  const estateId = session.data?.user.currentEstateId ?? null;
  const committee = !!estateId && session.can('vote.nonVoters', { estateId }) && session.can('vote.paper', { estateId });

  return (
    <PageShell query={page}>
      {(data) => (
        <VoteBody
          data={data}
          loading={page.loading}
          committee={committee}
          done={done}
          refreshKey={refreshKey}
          onRefresh={refresh}
          onVote={page.setVote}
          onClosed={(message) => {
            setDone(message);
            setRefreshKey((k) => k + 1);
            void page.reload();
          }}
        />
      )}
    </PageShell>
  );
}

interface BodyProps {
  data: VotePage;
  loading: boolean;
  committee: boolean;
  done: string | null;
  refreshKey: number;
  onRefresh: () => void;
  onVote: (vote: VoteSummary) => void;
  onClosed: (message: string) => void;
}

function VoteBody({ data, loading, committee, done, refreshKey, onRefresh, onVote, onClosed }: BodyProps) {
  const { vote, voteError, at } = data;
  const p = data.detail.proposal;
  const matter = vote?.matter ?? p.decision?.matter ?? p.matter;
  const kind = vote?.kind ?? voteKindOf(matter);
  const startsAt = vote?.startsAt ?? p.decision?.startsAt ?? null;
  const endsAt = vote?.endsAt ?? p.decision?.endsAt ?? null;
  const hasVote = VOTE_PHASES.includes(p.status);
  const open = p.status === 'voting' && vote?.status === 'open';
  const canClose = p.moves.some((m) => m.action === 'closeVote');

  return (
    <View className='vote-page'>
      <View className='vote-title' role='heading'>
        {p.title}
      </View>
      <Text className='vote-state'>状态：{PROPOSAL_STATUS_LABELS[p.status] ?? p.status}</Text>

      <View className='linli-card vote-head'>
        <View className='vote-line'>
          <Text className='vote-key'>表决方式：</Text>
          <Text className='vote-value'>{voteMethodText(matter)}</Text>
        </View>
        {kind === 'owners' ? (
          <View className='vote-line'>
            <Text className='vote-key'>事项：</Text>
            <Text className='vote-value'>{MATTER_LABELS[matter]}</Text>
          </View>
        ) : null}
        {startsAt && endsAt ? (
          <View>
            <View className='vote-line'>
              <Text className='vote-key'>开始：</Text>
              <Text className='vote-value'>{formatDay(startsAt, true)}</Text>
            </View>
            <View className='vote-line'>
              <Text className='vote-key'>截止：</Text>
              <Text className='vote-value'>{formatDay(endsAt, true)}</Text>
            </View>
          </View>
        ) : (
          <Text className='linli-text'>表决时间还没有定。</Text>
        )}
        <View className='vote-rules'>
          <Text className='vote-key'>规则</Text>
          {voteRuleLines(matter).map((line) => (
            <Text key={line} className='linli-text-2 vote-rule'>
              {line}
            </Text>
          ))}
        </View>
      </View>

      {done ? (
        <OkNote>
          <Text className='vote-done'>{done}</Text>
        </OkNote>
      ) : null}

      {p.status === 'publicized' ? (
        <View className='linli-card'>
          <Text className='linli-big'>{startsAt ? `表决将于 ${formatDay(startsAt, true)} 开始` : '表决还没有开始'}</Text>
          <Text className='linli-text-2 vote-gap'>现在是公示期，还不能投票。</Text>
        </View>
      ) : null}

      {!hasVote && p.status !== 'publicized' ? (
        <View className='linli-card'>
          <Text className='linli-text'>
            {['rejected', 'withdrawn'].includes(p.status)
              ? `这个议题${PROPOSAL_STATUS_LABELS[p.status]}，不会进入表决。`
              : `这个议题现在${PROPOSAL_STATUS_LABELS[p.status] ?? p.status}，还没有进入表决。`}
          </Text>
        </View>
      ) : null}

      {hasVote && voteError ? (
        <View className='linli-card'>
          <ErrorNote error={voteError} prefix='没能读取表决情况：' />
          <Button className='linli-button' size='xlarge' block disabled={loading} onClick={onRefresh}>
            {loading ? '正在刷新…' : '刷新'}
          </Button>
        </View>
      ) : null}

      {open && vote ? (
        <View>
          {vote.mine.length ? <Ballots proposalId={p.id} vote={vote} onCast={onVote} /> : <NotOnRoll kind={vote.kind} />}
          <Participation vote={vote} at={at} loading={loading} onRefresh={onRefresh} />
          {committee && vote.kind === 'owners' ? <NonVoters proposalId={p.id} refreshKey={refreshKey} onEntered={onVote} /> : null}
        </View>
      ) : null}

      {p.status === 'voting' && vote && vote.status === 'closed' ? (
        <View className='linli-card'>
          <Text className='linli-text'>表决已经截止，正在计票。请稍后点“刷新”查看结果。</Text>
          <Button className='linli-button vote-gap' size='xlarge' block disabled={loading} onClick={onRefresh}>
            {loading ? '正在刷新…' : '刷新'}
          </Button>
        </View>
      ) : null}

      {canClose ? <CloseVote proposalId={p.id} onClosed={onClosed} /> : null}

      {hasVote && p.status !== 'voting' ? <Outcome proposal={p} vote={vote} /> : null}

      <Button className='linli-button' size='xlarge' block onClick={() => go(proposalLink(encodeURIComponent(p.id)))}>
        查看议题详情
      </Button>
    </View>
  );
}

/** The caller's ballot(s): one for each voter record they may vote for. */
function Ballots({ proposalId, vote, onCast }: { proposalId: string; vote: VoteSummary; onCast: (v: VoteSummary) => void }) {
  const several = vote.mine.length > 1;
  return (
    <View className='linli-card vote-ballots'>
      <Text className='linli-section-title'>投票</Text>
      <Text className='linli-text-2 vote-hint'>
        {several ? `您可以投 ${vote.mine.length} 票，每一票分别选择、分别确认。` : '请选择赞成、反对或弃权，再点“确认投票”。'}
        截止前可以修改，以最后一次为准。
      </Text>
      {vote.mine.map((m) => (
        <Ballot key={m.voterKey} proposalId={proposalId} entry={m} kind={vote.kind} several={several} onCast={onCast} />
      ))}
    </View>
  );
}

interface BallotProps {
  proposalId: string;
  entry: VoteSummary['mine'][number];
  kind: VoteKind;
  several: boolean;
  onCast: (v: VoteSummary) => void;
}

function Ballot({ proposalId, entry: m, kind, several, onCast }: BallotProps) {
  // What the person has picked stays as they left it while the page is refreshed underneath.
  const [choice, setChoice] = useState<Choice | null>(m.choice);
  const [done, setDone] = useState<string | null>(null);
  const { busy, error, setError, run } = useSubmit();

  const pick = (c: Choice) => {
    if (busy) return;
    setChoice(c);
    setError(null);
    setDone(null);
  };

  const cast = async () => {
    if (busy) return;
    if (!choice) {
      setError(new ApiError('INVALID_INPUT', '请先选择赞成、反对或弃权'));
      return;
    }
    setDone(null);
    const picked = choice;
    const reply = await run(() => api.vote.cast({ proposalId, choice: picked, voterKey: m.voterKey }));
    if (!reply) return;
    onCast(reply);
    setDone(`已收到您的选票：${CHOICE_LABELS[picked]}。`);
  };

  return (
    <View className={`vote-ballot${several ? ' linli-row' : ''}`}>
      {several ? <Text className='linli-row-title'>{m.label}</Text> : <Text className='linli-text'>{`${BALLOT_OF[kind]}${m.label}`}</Text>}
      {kind === 'owners' ? <Text className='linli-text-2'>登记面积：{formatArea(m.areaDm2)}</Text> : null}
      <View className='linli-choices vote-choices'>
        {CHOICES.map((c) => (
          <ChoiceButton key={c} selected={choice === c} onClick={() => pick(c)}>
            {CHOICE_LABELS[c]}
          </ChoiceButton>
        ))}
      </View>
      {choice && choice !== m.choice && !busy ? (
        <Text className='linli-text-2 vote-pending'>已选“{CHOICE_LABELS[choice]}”，还没有投出，请点“确认投票”。</Text>
      ) : null}
      <ErrorNote error={error} prefix='没能投票：' />
      {done ? (
        <OkNote>
          <Text className='vote-done'>{done}</Text>
        </OkNote>
      ) : null}
      <Button className='linli-button' type='primary' size='xlarge' block disabled={busy} onClick={() => void cast()}>
        {busy ? '正在提交…' : '确认投票'}
      </Button>
      <Text className={`vote-mine${m.choice ? ' vote-mine--cast' : ''}`}>{ballotLine(m, true)}</Text>
      {m.castAt ? <Text className='linli-text-2'>投票时间：{formatDay(m.castAt, true)}</Text> : null}
    </View>
  );
}

function NotOnRoll({ kind }: { kind: VoteKind }) {
  return (
    <View className='linli-card'>
      <Text className='linli-section-title'>投票</Text>
      <Text className='linli-text'>您不在这次表决的名册上，不能投票。</Text>
      <Text className='linli-text-2 vote-gap'>{NOT_ON_ROLL[kind]}</Text>
    </View>
  );
}

/** Live participation against the lines; how people voted stays hidden until the close. */
function Participation({ vote, at, loading, onRefresh }: { vote: VoteSummary; at: number; loading: boolean; onRefresh: () => void }) {
  const e = vote.electorate;
  const done = vote.participation;
  const lines = vote.lines;
  const unit = vote.kind === 'advisory' ? '户' : '人';

  return (
    <View className='linli-card vote-participation'>
      <Text className='linli-section-title'>参与情况</Text>
      {vote.kind === 'owners' ? (
        <View>
          <VoteProgress
            label={`参与人数：${done.voters} / ${e.voters} 人`}
            value={done.voters}
            total={e.voters}
            line={lines ? { value: lines.voters, text: `${lines.voters} 人` } : null}
            met={!!lines && done.voters >= lines.voters}
            status={
              !lines ? `还有 ${e.voters - done.voters} 人没有投票` : done.voters >= lines.voters ? '参与人数已达到三分之二' : `还差 ${lines.voters - done.voters} 人，才达到三分之二`
            }
          />
          <VoteProgress
            label={`参与面积：${m2(done.areaDm2)} / ${formatArea(e.areaDm2)}`}
            value={done.areaDm2}
            total={e.areaDm2}
            line={lines ? { value: lines.areaDm2, text: formatArea(lines.areaDm2) } : null}
            met={!!lines && done.areaDm2 >= lines.areaDm2}
            status={
              !lines
                ? `还有 ${formatArea(e.areaDm2 - done.areaDm2)} 没有投票`
                : done.areaDm2 >= lines.areaDm2
                  ? '参与面积已达到三分之二'
                  : `还差 ${formatArea(lines.areaDm2 - done.areaDm2)}，才达到三分之二`
            }
          />
        </View>
      ) : (
        <VoteProgress
          label={`已投票：${done.voters} / ${e.voters} ${unit}`}
          value={done.voters}
          total={e.voters}
          met={done.voters >= e.voters}
          status={done.voters >= e.voters ? `全部 ${e.voters} ${unit}都已投票` : `还有 ${e.voters - done.voters} ${unit}没有投票`}
        />
      )}
      <Text className='linli-text-2 vote-gap'>表决结束前不公布赞成和反对的票数，只显示参与情况。到截止时间会自动结束并计票。</Text>
      <Text className='linli-text-2'>以上是 {clock(at)} 的情况，不会自动更新；要看最新情况，请点“刷新”。</Text>
      <Button className='linli-button vote-gap' size='xlarge' block disabled={loading} onClick={onRefresh}>
        {loading ? '正在刷新…' : '刷新'}
      </Button>
    </View>
  );
}

/** 3栋1单元201、3栋1单元202 */
const homesText = (n: NonVoter) => (n.homes.length ? n.homes.join('、') : '（没有登记门牌）');

/** The committee: owners who have not voted, to knock at their doors and enter paper ballots. */
function NonVoters({ proposalId, refreshKey, onEntered }: { proposalId: string; refreshKey: number; onEntered: (v: VoteSummary) => void }) {
  const list = usePagedList((cursor) => api.vote.nonVoters({ proposalId, cursor }), [proposalId]);
  const firstKey = useRef(refreshKey);
  useEffect(() => {
    if (refreshKey !== firstKey.current) void list.reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [refreshKey]);

  const [openKey, setOpenKey] = useState<string | null>(null);
  const [choice, setChoice] = useState<Choice | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const { busy, error, setError, run } = useSubmit();

  const start = (key: string) => {
    if (busy) return;
    setOpenKey(key);
    setChoice(null);
    setError(null);
    setDone(null);
  };

  const enter = async (n: NonVoter) => {
    if (busy) return;
    if (!choice) {
      setError(new ApiError('INVALID_INPUT', '请先选择纸质选票上选的是赞成、反对还是弃权'));
      return;
    }
    const picked = choice;
    const reply = await run(() => api.vote.paper({ proposalId, voterKey: n.voterKey, choice: picked }));
    if (!reply) return;
    setOpenKey(null);
    setChoice(null);
    setDone(`已录入 ${homesText(n)} 的纸质选票：${CHOICE_LABELS[picked]}。`);
    onEntered(reply);
    void list.reload();
  };

  return (
    <View className='linli-card vote-nonvoters'>
      <Text className='linli-section-title'>未投票的业主</Text>
      <Text className='linli-text-2 vote-hint'>上门收集纸质选票后，在这里录入；录入时会记下录入人。姓名已打码。</Text>
      {done ? (
        <OkNote>
          <Text className='vote-done'>{done}</Text>
        </OkNote>
      ) : null}
      <ListStatus list={list} errorPrefix='没能列出未投票的业主：' emptyText='所有业主都已投票。' />
      {list.items.map((n) => (
        <View key={n.voterKey} className='linli-row vote-nonvoter'>
          <Text className='linli-row-title'>{homesText(n)}</Text>
          <Text className='linli-text-2'>
            业主：{n.name ?? '未绑定'} · 面积：{formatArea(n.areaDm2)}
          </Text>
          {openKey === n.voterKey ? (
            <View className='vote-paper'>
              <Text className='linli-label'>纸质选票上选的是：</Text>
              <View className='linli-choices vote-choices'>
                {CHOICES.map((c) => (
                  <ChoiceButton
                    key={c}
                    selected={choice === c}
                    onClick={() => {
                      if (busy) return;
                      setChoice(c);
                      setError(null);
                    }}
                  >
                    {CHOICE_LABELS[c]}
                  </ChoiceButton>
                ))}
              </View>
              <ErrorNote error={error} prefix='没能录入：' />
              <View className='linli-actions'>
                <Button className='linli-button' type='primary' size='xlarge' disabled={busy} onClick={() => void enter(n)}>
                  {busy ? '正在录入…' : '确认录入'}
                </Button>
                <Button
                  className='linli-button'
                  size='xlarge'
                  disabled={busy}
                  onClick={() => {
                    setOpenKey(null);
                    setError(null);
                  }}
                >
                  先不录入
                </Button>
              </View>
            </View>
          ) : (
            <Button className='linli-button vote-gap' size='xlarge' block disabled={busy} onClick={() => start(n.voterKey)}>
              录入纸质选票
            </Button>
          )}
        </View>
      ))}
      {list.nextCursor ? (
        <Button className='linli-button' size='xlarge' block disabled={list.loading} onClick={() => void list.loadMore()}>
          {list.loading ? '正在加载…' : '加载更多'}
        </Button>
      ) : null}
    </View>
  );
}

/** The community: close the vote and count it (early only once everyone has voted: the server says). */
function CloseVote({ proposalId, onClosed }: { proposalId: string; onClosed: (message: string) => void }) {
  const { busy, error, run } = useSubmit();
  const close = async () => {
    if (busy) return;
    const r = await run(() => api.proposal.closeVote({ proposalId }));
    if (!r) return;
    onClosed('表决已结束，已计票并公布决议，结果在下面。');
  };
  return (
    <View className='linli-card vote-close'>
      <Text className='linli-section-title'>结束表决</Text>
      <Text className='linli-text-2 vote-hint'>到截止时间会自动结束并计票。截止前，只有所有人都已投票时才能提前结束。结束后不能再投票，计票结果和决议公告会马上公布。</Text>
      <ErrorNote error={error} prefix='没能结束表决：' />
      <Button className='linli-button' type='primary' size='xlarge' block disabled={busy} onClick={() => void close()}>
        {busy ? '正在计票…' : '结束表决并计票'}
      </Button>
    </View>
  );
}

/** After the close: the result, the decision notice, and how the caller voted. */
function Outcome({ proposal: p, vote }: { proposal: ProposalView; vote: VoteSummary | null }) {
  const notice = p.publications.decision;
  return (
    <View>
      {p.result ? (
        <VoteResult result={p.result} />
      ) : (
        <View className='linli-card'>
          <Text className='linli-text'>表决已经结束，计票结果还没有出来。请稍后点“刷新”再看。</Text>
        </View>
      )}
      {notice ? (
        <Button className='linli-button' type='primary' size='xlarge' block onClick={() => go(`/pages/notice-detail/index?id=${encodeURIComponent(notice)}`)}>
          决议公告
        </Button>
      ) : null}
      {vote && vote.mine.length ? (
        <View className='linli-card'>
          <Text className='linli-section-title'>我的选票</Text>
          {vote.mine.map((m) => (
            <View key={m.voterKey} className={vote.mine.length > 1 ? 'linli-row' : ''}>
              {vote.mine.length > 1 ? <Text className='linli-row-title'>{m.label}</Text> : null}
              <Text className='vote-mine'>{ballotLine(m, false)}</Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
