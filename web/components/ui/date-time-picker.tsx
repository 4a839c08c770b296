'use client';

import { format, isValid, parse, set } from 'date-fns';
import { CalendarIcon } from 'lucide-react';
import { useId, useState } from 'react';
import { getDefaultClassNames } from 'react-day-picker';
import { cn } from '../../lib/utils';
import { Button } from './button';
import { Calendar } from './calendar';
import { Input } from './input';
import { Label } from './label';
import { Popover, PopoverContent, PopoverTrigger } from './popover';

export interface DateTimePickerProps {
  value: Date | null;
  onChange: (value: Date | null) => void;
  /** Days before this one cannot be picked (scheduling is for the future). */
  fromDate?: Date;
  label?: string;
  disabled?: boolean;
  className?: string;
}

/** A calendar in a popover plus a native time field: date and time in the viewer's zone. */
export function DateTimePicker({ value, onChange, fromDate, label = 'Date and time', disabled, className }: DateTimePickerProps) {
  const [open, setOpen] = useState(false);
  const timeId = useId();
  const time = value ? format(value, 'HH:mm') : '09:00';

  const pickDay = (day: Date | undefined) => {
    if (!day) return onChange(null);
    const [hours, minutes] = time.split(':').map(Number);
    onChange(set(day, { hours: hours ?? 9, minutes: minutes ?? 0, seconds: 0, milliseconds: 0 }));
    setOpen(false);
  };
  const pickTime = (text: string) => {
    const parsed = parse(text, 'HH:mm', value ?? new Date());
    if (!isValid(parsed)) return;
    onChange(set(value ?? new Date(), { hours: parsed.getHours(), minutes: parsed.getMinutes(), seconds: 0, milliseconds: 0 }));
  };

  // Radix would focus the popover's first button (the previous-month arrow) — inside a dialog it does — so the
  // arrow keys would not move along the days: focus the day the calendar has in focus (the picked one, else today).
  const focusDay = (event: Event) => {
    event.preventDefault();
    (event.target as HTMLElement).querySelector<HTMLElement>(`.${getDefaultClassNames().focused} button`)?.focus();
  };

  return (
    <div className={cn('flex flex-wrap items-end gap-2', className)}>
      <Popover open={open} onOpenChange={setOpen}>
        <PopoverTrigger asChild>
          <Button variant="outline" disabled={disabled} className={cn('w-48 justify-start font-normal', !value && 'text-muted-foreground')} aria-label={label}>
            <CalendarIcon aria-hidden="true" />
            {value ? format(value, 'EEE d MMM yyyy') : 'Pick a day'}
          </Button>
        </PopoverTrigger>
        <PopoverContent className="w-auto p-0" align="start" aria-label={label} onOpenAutoFocus={focusDay}>
          <Calendar mode="single" selected={value ?? undefined} onSelect={pickDay} disabled={fromDate ? { before: fromDate } : undefined} autoFocus />
        </PopoverContent>
      </Popover>
      <div className="grid gap-1">
        <Label htmlFor={timeId} className="sr-only">
          Time
        </Label>
        <Input id={timeId} type="time" className="w-28" value={time} disabled={disabled || !value} onChange={(e) => pickTime(e.target.value)} />
      </div>
    </div>
  );
}
