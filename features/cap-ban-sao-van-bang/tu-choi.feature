# language: vi
Tính năng: Cấp bản sao, chỉnh sửa văn bằng — từ chối có lý do bằng văn bản

  Bối cảnh:
    Cho người nộp hồ sơ có số định danh "001092000123"
    Và dữ liệu hồ sơ:
      | loai_yeu_cau | ban_sao       |
      | ho_ten       | Trần Thị Bình |
      | so_dinh_danh | 001092000123  |
      | so_ban_sao   | 1             |

  Kịch bản: Từ chối tiếp nhận phải nêu lý do (Mẫu 03)
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" hoàn thành "Kiểm tra tính đầy đủ" với:
      | ket_qua_kiem_tra | tu_choi |
    Và "Bộ phận Một cửa" thử hoàn thành "Phiếu từ chối tiếp nhận"
    Thì thao tác bị từ chối vì "ly_do"
    Khi "Bộ phận Một cửa" hoàn thành "Phiếu từ chối tiếp nhận" với:
      | ly_do | Văn bằng do Sở GDĐT tỉnh khác cấp, không thuộc thẩm quyền |
    Thì hồ sơ đã kết thúc với kết quả "từ chối" với lý do "không thuộc thẩm quyền"
    Và hồ sơ bị từ chối có lý do bằng văn bản
    Và đã lập "Mẫu 03" 1 lần
    Và trạng thái hồ sơ trên Cổng DVC là "Không được tiếp nhận"

  Kịch bản: Không có tên trong sổ gốc: văn bản từ chối nêu rõ lý do
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và "Phòng Khảo thí và Quản lý chất lượng" thử hoàn thành "lập bản sao" với:
      | ket_qua_tham_dinh | khong_dat |
    Thì thao tác bị từ chối vì "ly_do"
    Khi "Phòng Khảo thí và Quản lý chất lượng" hoàn thành "lập bản sao" với:
      | ket_qua_tham_dinh | khong_dat                                       |
      | ly_do             | Không có tên trong sổ gốc cấp văn bằng năm 2010 |
    Và "Bộ phận Một cửa" thử hoàn thành "văn bản từ chối"
    Thì thao tác bị từ chối vì "ly_do"
    Khi "Bộ phận Một cửa" hoàn thành "văn bản từ chối" với:
      | ly_do | Không có tên trong sổ gốc cấp văn bằng năm 2010 |
    Thì hồ sơ đã kết thúc với kết quả "từ chối" với lý do "không có tên trong sổ gốc"
    Và hồ sơ bị từ chối có lý do bằng văn bản
    Và hồ sơ có kết quả đúng hẹn
    Và trạng thái hồ sơ trên Cổng DVC là "Đã trả kết quả"
    Và hồ sơ không còn chờ gì
