import { useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { api } from '../../api/client';
import { requestSubscribe } from '../../api/subscribe';
import type { RewardView } from '../../core/points/api';
import { useApi } from '../../hooks/useApi';
import { currentEstateName, useSession } from '../../hooks/useSession';
import { useSubmit } from '../../hooks/useSubmit';
import PageShell from '../../components/PageShell';
import { ErrorNote, OkNote } from '../../components/Notes';
import { ApiStatus, NoEstate, RedemptionTag, formatTime } from '../points/parts';
import './index.css';

export default function Rewards() {
  const session = useSession();
  return (
    <PageShell title='先锋银行' query={session}>
      {(login) => {
        const estateId = login.user.currentEstateId;
        return estateId ? (
          <View>
            <Text className='linli-text-2 rewards-estate'>小区：{currentEstateName(login) ?? '当前小区'}。志愿者用志愿积分兑换礼品，兑换后到党群服务站领取。</Text>
            <RewardsBody estateId={estateId} mayRedeem={session.can('points.redeem', { estateId })} />
          </View>
        ) : (
          <NoEstate what='先锋银行的礼品' />
        );
      }}
    </PageShell>
  );
}

function RewardsBody({ estateId, mayRedeem }: { estateId: string; mayRedeem: boolean }) {
  const mine = useApi(() => api.points.mine({}), [estateId]);
  const rewards = useApi(() => api.points.rewards({}), [estateId]);
  const redemptions = useApi(() => api.points.myRedemptions({}), [estateId]);
  const reloadAll = () => {
    void mine.reload();
    void rewards.reload();
    void redemptions.reload();
  };
  useDidShow(reloadAll);
  const balance = mine.data?.balance ?? null;

  return (
    <View>
      <View className='linli-card rewards-balance-card'>
        <ApiStatus state={mine} errorPrefix='没能读取积分余额：' />
        {balance !== null ? (
          <View className='rewards-balance-line'>
            <Text className='rewards-balance-label'>我的积分余额</Text>
            <Text className='rewards-balance'>{balance}</Text>
          </View>
        ) : null}
      </View>

      <View className='rewards-catalogue'>
        <Text className='linli-section-title'>可兑换的礼品</Text>
        <ApiStatus state={rewards} errorPrefix='没能列出礼品：' />
        {rewards.data && rewards.data.length === 0 ? (
          <View className='linli-card'>
            <Text className='linli-text linli-empty'>暂时没有礼品</Text>
          </View>
        ) : null}
        {rewards.data?.map((r) => (
          <RewardCard key={r.id} reward={r} balance={balance} mayRedeem={mayRedeem} onRedeemed={reloadAll} />
        ))}
      </View>

      <View className='linli-card rewards-mine'>
        <Text className='linli-section-title'>我的兑换记录</Text>
        <ApiStatus state={redemptions} errorPrefix='没能列出兑换记录：' />
        {redemptions.data && redemptions.data.length === 0 ? <Text className='linli-text linli-empty'>还没有兑换记录</Text> : null}
        {redemptions.data?.map((d) => (
          <View key={d.id} className='linli-row rewards-redemption'>
            <Text className='linli-row-title'>{d.rewardName}</Text>
            <View className='points-tags'>
              <RedemptionTag status={d.status} />
            </View>
            <Text className='linli-text'>用了 {d.price} 积分</Text>
            <Text className='linli-text-2'>兑换时间：{formatTime(d.createdAt)}</Text>
            {d.status === 'requested' ? <Text className='linli-text-2'>请到党群服务站领取。</Text> : null}
            {d.status === 'handedOver' && d.closedAt ? <Text className='linli-text-2'>领取时间：{formatTime(d.closedAt)}</Text> : null}
            {d.status === 'cancelled' ? (
              <View>
                {d.closedAt ? <Text className='linli-text-2'>取消时间：{formatTime(d.closedAt)}</Text> : null}
                {d.cancelReason ? <Text className='linli-text'>取消原因：{d.cancelReason}</Text> : null}
                <Text className='linli-text-2'>积分已退回。</Text>
              </View>
            ) : null}
          </View>
        ))}
      </View>
    </View>
  );
}

interface RewardCardProps {
  reward: RewardView;
  balance: number | null;
  mayRedeem: boolean;
  onRedeemed: () => void;
}

function RewardCard({ reward: r, balance, mayRedeem, onRedeemed }: RewardCardProps) {
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState(false);
  const asking = useRef(false);
  const { busy, error, setError, run } = useSubmit();
  const retired = r.status === 'retired';
  const soldOut = r.stock <= 0;
  const offered = mayRedeem && !retired && !soldOut;

  const redeem = async () => {
    if (busy || asking.current) return;
    asking.current = true;
    // First thing in the tap: WeChat refuses the subscribe request after any other await.
    await requestSubscribe('redeem');
    asking.current = false;
    setDone(false);
    const result = await run(() => api.points.redeem({ rewardId: r.id }));
    if (result) {
      setConfirming(false);
      setDone(true);
      onRedeemed();
    }
  };

  return (
    <View className={`linli-card rewards-item${retired ? ' rewards-item--retired' : ''}`}>
      <Text className='linli-row-title rewards-name'>{r.name}</Text>
      {retired || soldOut ? (
        <View className='points-tags'>
          {retired ? <Text className='points-tag points-tag--muted'>已下架</Text> : null}
          {soldOut ? <Text className='points-tag points-tag--muted'>已兑完</Text> : null}
        </View>
      ) : null}
      {r.description ? <Text className='linli-text-2 rewards-description'>{r.description}</Text> : null}
      <Text className='rewards-price'>{r.price} 积分</Text>
      <Text className='linli-text'>{soldOut ? '已兑完，暂时没有库存' : `剩余 ${r.stock} 件`}</Text>

      {done ? (
        <OkNote>
          <Text className='rewards-done'>兑换成功，请到党群服务站领取</Text>
        </OkNote>
      ) : null}
      <ErrorNote error={error} prefix='没能兑换：' />

      {offered && !confirming ? (
        <Button
          className='linli-button rewards-redeem'
          type='primary'
          size='xlarge'
          block
          onClick={() => {
            setDone(false);
            setError(null);
            setConfirming(true);
          }}
        >
          兑换
        </Button>
      ) : null}
      {offered && confirming ? (
        <View className='points-form rewards-confirm'>
          <Text className='linli-text'>
            兑换“{r.name}”要用 {r.price} 积分{balance !== null ? `，您现有 ${balance} 积分` : ''}。
          </Text>
          <View className='linli-actions'>
            <Button className='linli-button rewards-confirm-button' type='primary' size='xlarge' disabled={busy} onClick={() => void redeem()}>
              {busy ? '正在兑换…' : `确认兑换（扣 ${r.price} 积分）`}
            </Button>
            <Button
              className='linli-button'
              size='xlarge'
              disabled={busy}
              onClick={() => {
                setConfirming(false);
                setError(null);
              }}
            >
              不兑换
            </Button>
          </View>
        </View>
      ) : null}
    </View>
  );
}
