import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { ApiError, api } from '../../api/client';
import { requestSubscribe } from '../../api/subscribe';
import type { BindingView } from '../../core/binding/api';
import { BINDING_RELATIONS, type BindingRelation, RELATION_LABELS } from '../../core/binding/types';
import type { HomeView } from '../../core/estate/api';
import { currentEstateName, useSession } from '../../hooks/useSession';
import { usePagedList } from '../../hooks/usePagedList';
import { useSubmit } from '../../hooks/useSubmit';
import PageShell from '../../components/PageShell';
import EstatePicker from '../../components/EstatePicker';
import ChoiceButton from '../../components/ChoiceButton';
import TextField from '../../components/TextField';
import BindingStatus from '../../components/BindingStatus';
import { ErrorNote, OkNote } from '../../components/Notes';
import './index.css';

const backToMe = () => void Taro.switchTab({ url: '/pages/me/index' });

/** The same rule as the server's (core/shared/schemas.ts mobile()), to say so before sending. */
const MOBILE = /^1[3-9]\d{9}$/;

/** estate.homes of the current estate, page by page (加载更多), filtered by building. */
function useHomes(estateId: string | null, building: string) {
  return usePagedList((cursor) => api.estate.homes({ building: building || undefined, cursor }), [estateId, building], {
    enabled: !!estateId,
    clearOnReload: true,
  });
}

export default function Bind() {
  const session = useSession();
  const estateId = session.data?.user.currentEstateId ?? null;
  const [changingEstate, setChangingEstate] = useState(false);

  const [buildingInput, setBuildingInput] = useState('');
  const [building, setBuilding] = useState('');
  const homes = useHomes(estateId, building);

  const [home, setHome] = useState<HomeView | null>(null);
  const [relation, setRelation] = useState<BindingRelation | null>(null);
  const [realName, setRealName] = useState('');
  const [phone, setPhone] = useState('');
  const { busy, error, setError, run } = useSubmit();
  const [done, setDone] = useState<BindingView | null>(null);

  // Another estate: its homes are other homes.
  useEffect(() => {
    setHome(null);
    setBuilding('');
    setBuildingInput('');
  }, [estateId]);

  const submit = async () => {
    if (busy) return;
    const problem = !home
      ? '请先选择房屋'
      : !relation
        ? '请选择您与这套房屋的关系：业主、租户或家属'
        : realName.trim().length < 2
          ? '请填写真实姓名（至少两个字）'
          : !MOBILE.test(phone.trim())
            ? '请填写11位手机号码'
            : null;
    if (problem || !home || !relation) {
      setError(new ApiError('INVALID_INPUT', problem ?? undefined));
      return;
    }
    // Asked at the tap (weapp only): to be told by WeChat when the application is reviewed. Never blocks.
    await requestSubscribe('bindApply');
    await run(async () => {
      setDone(await api.binding.apply({ homeId: home.id, relation, realName: realName.trim(), phone: phone.trim() }));
    });
  };

  return (
    <PageShell title='申请绑定房屋' query={session}>
      {(login) => {
        if (done) {
          return (
            <View className='linli-card bind-done'>
              <OkNote>
                <Text>申请已提交，请等待审核。</Text>
              </OkNote>
              <Text className='linli-row-title'>{done.homeLabel}</Text>
              <Text className='linli-text-2'>
                {done.estateName} · {RELATION_LABELS[done.relation]} · {done.realName}
              </Text>
              <BindingStatus status={done.status} reason={done.reason} />
              <Text className='linli-text bind-done-next'>小区党支部、物业或社区审核后，结果会显示在“我的”页面的“我的房屋”里。</Text>
              <Button className='linli-button' type='primary' size='xlarge' block onClick={backToMe}>
                返回我的
              </Button>
            </View>
          );
        }

        if (!estateId || changingEstate) {
          return (
            <View className='linli-card'>
              <Text className='linli-section-title'>第一步：选择您住的小区</Text>
              <EstatePicker
                exclude={estateId ? [estateId] : []}
                onPick={async (e) => {
                  await session.switchEstate(e.id);
                  setChangingEstate(false);
                }}
              />
              {changingEstate ? (
                <Button className='linli-button' size='xlarge' block onClick={() => setChangingEstate(false)}>
                  不换了
                </Button>
              ) : null}
            </View>
          );
        }

        return (
          <View>
            <View className='linli-card'>
              <Text className='linli-label'>小区</Text>
              <Text className='linli-big bind-estate'>{currentEstateName(login) ?? '当前小区'}</Text>
              <Button className='linli-button' size='xlarge' block onClick={() => setChangingEstate(true)}>
                换一个小区
              </Button>
            </View>

            <View className='linli-card'>
              <Text className='linli-section-title'>选择房屋</Text>
              {home ? <Text className='linli-text bind-chosen'>已选：{home.label}</Text> : null}
              <TextField
                label='按楼栋查找'
                value={buildingInput}
                onChange={setBuildingInput}
                placeholder='楼栋号，例如 1'
                maxlength={20}
              />
              <View className='linli-actions bind-filter'>
                <Button className='linli-button' size='xlarge' onClick={() => setBuilding(buildingInput.trim())}>
                  查找
                </Button>
                <Button
                  className='linli-button'
                  size='xlarge'
                  onClick={() => {
                    setBuildingInput('');
                    setBuilding('');
                  }}
                >
                  全部楼栋
                </Button>
              </View>
              {building ? <Text className='linli-text-2 bind-filter-note'>正在看：{building}栋</Text> : null}
              <ErrorNote error={homes.error} prefix='没能列出房屋：' />
              <View className='bind-homes'>
                {homes.items.map((h) => (
                  <ChoiceButton key={h.id} selected={home?.id === h.id} onClick={() => setHome(h)}>
                    {h.label}
                  </ChoiceButton>
                ))}
              </View>
              {homes.loaded && homes.items.length === 0 && !homes.error ? (
                <Text className='linli-text-2'>{building ? `没有找到 ${building} 栋的房屋。` : '这个小区还没有登记房屋，请联系社区。'}</Text>
              ) : null}
              {homes.loading ? <Text className='linli-text-2'>正在加载，请稍候…</Text> : null}
              {homes.nextCursor && !homes.loading ? (
                <Button className='linli-button' size='xlarge' block onClick={() => void homes.loadMore()}>
                  加载更多
                </Button>
              ) : null}
              {homes.error ? (
                <Button className='linli-button' size='xlarge' block onClick={() => void homes.reload()}>
                  重试
                </Button>
              ) : null}
            </View>

            <View className='linli-card'>
              <Text className='linli-section-title'>您与这套房屋的关系</Text>
              {BINDING_RELATIONS.map((r) => (
                <ChoiceButton key={r} selected={relation === r} onClick={() => setRelation(r)}>
                  {RELATION_LABELS[r]}
                </ChoiceButton>
              ))}
            </View>

            <View className='linli-card'>
              <Text className='linli-section-title'>您的信息</Text>
              <TextField label='真实姓名' value={realName} onChange={setRealName} placeholder='请输入真实姓名' maxlength={20} />
              <TextField
                label='手机号'
                value={phone}
                onChange={setPhone}
                placeholder='请输入手机号'
                type='number'
                maxlength={11}
                hint='只有您本人和审核的工作人员能看到完整的姓名和手机号。'
              />
              <ErrorNote error={error} prefix='没能提交：' />
              <Button className='linli-button' type='primary' size='xlarge' block disabled={busy} onClick={() => void submit()}>
                {busy ? '正在提交…' : '提交申请'}
              </Button>
            </View>
          </View>
        );
      }}
    </PageShell>
  );
}
