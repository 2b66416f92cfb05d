import { pickDemandStatus, PickDemandStatuses } from './pick-demand.machine.js';

describe('pick demand status', () => {
  it('knows every pick demand status', () => {
    expect([...pickDemandStatus.states].sort()).toEqual([...PickDemandStatuses].sort());
  });

  // "Only those orders that have line item Release Dates less than or equal to the Cut-Off date are printed."
  it('only open demand is printed on a pick ticket', () => {
    expect(pickDemandStatus.into('TICKETED')).toEqual(['OPEN']);
  });

  it('demand already on a ticket is not printed on a second one', () => {
    expect(pickDemandStatus.canMove('TICKETED', 'TICKETED')).toBe(false);
  });

  // "You might process and ship part of the order while waiting for goods before shipping the rest of the order."
  it('what a ticket did not pack becomes open demand again, for the next ticket', () => {
    expect(pickDemandStatus.canMove('TICKETED', 'OPEN')).toBe(true);
  });
});
