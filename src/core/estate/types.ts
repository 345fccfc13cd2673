/**
 * The estate register: an estate (小区) has buildings (楼栋), units (单元) and homes (房屋, the
 * 专有部分 of Civil Code art. 278), each with its registered floor area.
 */

export interface Estate {
  _id: string;
  name: string;
  /** 社区 / 街道 above the estate, for display. */
  community: string;
  city: string;
  createdAt: number;
}

export interface Home {
  _id: string;
  estateId: string;
  building: string;
  unit: string;
  room: string;
  /**
   * Registered floor area in dm² (0.01 m²), an integer, so that vote tallies add and compare
   * areas exactly; 89.37 m² is 8937.
   */
  areaDm2: number;
  /** Groups the homes one buyer holds: they count as one owner in an owners' vote. */
  ownerKey: string | null;
  /** The developer's unsold or undelivered homes: together they count as one owner. */
  developerHeld: boolean;
  /** Orders homes as people count them: 2栋 before 10栋, 201 before 1001 (see homeSortKey). */
  sortKey: string;
}

/** 89.37 m² → 8937 dm²; the register keeps areas to the hundredth of a square metre. */
export const areaToDm2 = (m2: number): number => Math.round(m2 * 100);
export const formatArea = (dm2: number): string => `${(dm2 / 100).toFixed(2)} m²`;
