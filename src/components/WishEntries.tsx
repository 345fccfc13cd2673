import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import type { Permission, Target } from '../core/auth/permissions';

const go = (url: string) => () => void Taro.navigateTo({ url });

interface Props {
  /** The permission rules for the current user (useSession().can, or core's can with their actor). */
  can: (permission: Permission, target?: Target) => boolean;
  estateId: string | null;
  /** A heading above the buttons; none without it. */
  title?: string;
  /** Also 心愿审核与兑换 (the wish wall). */
  review?: boolean;
  /** Also 积分管理 (我的, 首页). */
  admin?: boolean;
  /** Two buttons to a row where they fit (the wish wall, above its list). */
  compact?: boolean;
}

/**
 * The ways into the volunteer scheme: 我的心愿, 我的积分, 先锋银行, and for the party branch and
 * the community 心愿审核与兑换 / 积分管理 — each shown only where the permission rules allow.
 */
export default function WishEntries({ can, estateId, title, review, admin, compact }: Props) {
  if (!estateId) return null;
  const target = { estateId };
  const mine = can('wish.post', target) || can('wish.claims', target);
  const verified = can('points.mine', target);
  const mayReview = !!review && can('wish.pending', target);
  const mayAdmin = !!admin && can('points.volunteers', target);
  const entries: { text: string; url: string }[] = [
    ...(mine ? [{ text: '我的心愿', url: '/pages/wish-mine/index' }] : []),
    ...(verified ? [{ text: '我的积分', url: '/pages/points/index' }, { text: '先锋银行', url: '/pages/rewards/index' }] : []),
    ...(mayReview ? [{ text: '心愿审核与兑换', url: '/pages/wish-review/index' }] : []),
    ...(mayAdmin ? [{ text: '积分管理', url: '/pages/points-admin/index' }] : []),
  ];
  if (entries.length === 0) return null;

  return (
    <View className={`linli-card wish-entries${compact ? ' wish-entries--compact' : ''}`}>
      {title ? <Text className='linli-section-title'>{title}</Text> : null}
      <View className={compact ? 'linli-actions' : undefined}>
        {entries.map((e) => (
          <Button key={e.url} className='linli-button' size='xlarge' block={!compact} onClick={go(e.url)}>
            {e.text}
          </Button>
        ))}
      </View>
    </View>
  );
}
