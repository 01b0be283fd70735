import './ui.css';

export { Button } from './button';
export { TextField, SelectField, CheckField, type Option } from './field';
export { Card, Stat, Alert, Badge } from './card';
export { DataTable, Pagination, nextSort, type Column } from './data-table';
export { CopyButton } from './copy-button';
